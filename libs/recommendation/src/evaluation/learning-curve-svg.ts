import type { LearningCurvePoint } from './scorer';

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  width: number;
  height: number;
}

const DEFAULT_CHART: LineChartOptions = { title: 'Validation NDCG@10 per epoch', xLabel: 'epoch', yLabel: 'NDCG@10', width: 640, height: 360 };

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const fmt = (v: number) => (Math.round(v * 100) / 100).toString();
const label = (v: number) => (Math.abs(v) >= 100 || v === 0 ? v.toFixed(0) : v.toPrecision(3));

/**
 * A standalone SVG line chart (no dependency): axes with min/max ticks, one polyline through the
 * points and a circle on each. Points must have finite coordinates; others are dropped.
 */
export function lineChartSvg(points: ReadonlyArray<{ x: number; y: number }>, options: Partial<LineChartOptions> = {}): string {
  const { title, xLabel, yLabel, width, height } = { ...DEFAULT_CHART, ...options };
  const data = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const margin = { left: 64, right: 20, top: 36, bottom: 48 };
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const xs = data.map((p) => p.x);
  const ys = data.map((p) => p.y);
  const xMin = data.length > 0 ? Math.min(...xs) : 0;
  const xMax = data.length > 0 ? Math.max(...xs) : 1;
  const yMin = Math.min(0, ...ys);
  const yMax = data.length > 0 && Math.max(...ys) > yMin ? Math.max(...ys) : yMin + 1;
  const px = (x: number) => margin.left + (xMax > xMin ? ((x - xMin) / (xMax - xMin)) * plotW : plotW / 2);
  const py = (y: number) => margin.top + plotH - ((y - yMin) / (yMax - yMin)) * plotH;
  const bottom = margin.top + plotH;
  const right = margin.left + plotW;
  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`,
    `<line x1="${margin.left}" y1="${bottom}" x2="${right}" y2="${bottom}" stroke="black"/>`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${bottom}" stroke="black"/>`,
    `<text x="${margin.left}" y="${bottom + 16}" text-anchor="middle">${escapeXml(label(xMin))}</text>`,
    `<text x="${right}" y="${bottom + 16}" text-anchor="middle">${escapeXml(label(xMax))}</text>`,
    `<text x="${margin.left - 6}" y="${bottom + 4}" text-anchor="end">${escapeXml(label(yMin))}</text>`,
    `<text x="${margin.left - 6}" y="${margin.top + 4}" text-anchor="end">${escapeXml(label(yMax))}</text>`,
    `<text x="${margin.left + plotW / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(xLabel)}</text>`,
    `<text x="14" y="${margin.top + plotH / 2}" text-anchor="middle" transform="rotate(-90 14 ${margin.top + plotH / 2})">${escapeXml(yLabel)}</text>`,
  ];
  if (data.length > 0) {
    lines.push(`<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${data.map((p) => `${fmt(px(p.x))},${fmt(py(p.y))}`).join(' ')}"/>`);
    for (const p of data) lines.push(`<circle cx="${fmt(px(p.x))}" cy="${fmt(py(p.y))}" r="3" fill="#1f77b4"><title>${escapeXml(`${label(p.x)}: ${p.y.toFixed(4)}`)}</title></circle>`);
  }
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}

/** The learning curve (validation NDCG@10 per epoch) as an SVG chart; epochs without a validation value are skipped. */
export function learningCurveSvg(curve: readonly LearningCurvePoint[], title = 'Validation NDCG@10 per epoch'): string {
  const points = curve.filter((p) => p.validNdcg10 !== null).map((p) => ({ x: p.epoch, y: p.validNdcg10 ?? 0 }));
  return lineChartSvg(points, { title });
}
