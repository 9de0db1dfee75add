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

/** One line of a chart: its points (x, y), a legend name and a colour. */
export interface ChartSeries {
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  /** Default: a colour of a fixed palette, by the series' position. */
  color?: string;
  /** Draw a circle on each point (default true). */
  markers?: boolean;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];

/**
 * A standalone SVG line chart (no dependency): axes with min/max ticks, one polyline through the
 * points and a circle on each. Points must have finite coordinates; others are dropped.
 */
export function lineChartSvg(points: ReadonlyArray<{ x: number; y: number }>, options: Partial<LineChartOptions> = {}): string {
  return multiLineChartSvg([{ name: '', points }], options);
}

/**
 * A standalone SVG chart of several lines on shared axes (the y axis starts at 0 or below), with a
 * legend when more than one series is drawn. Points must have finite coordinates; others are dropped.
 */
export function multiLineChartSvg(series: readonly ChartSeries[], options: Partial<LineChartOptions> = {}): string {
  const { title, xLabel, yLabel, width, height } = { ...DEFAULT_CHART, ...options };
  const lines = series.map((s) => ({ ...s, points: s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)) }));
  const data = lines.flatMap((s) => s.points);
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
  const out = [
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
  lines.forEach((line, index) => {
    if (line.points.length === 0) return;
    const color = line.color ?? PALETTE[index % PALETTE.length];
    out.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${line.points.map((p) => `${fmt(px(p.x))},${fmt(py(p.y))}`).join(' ')}"/>`);
    if (line.markers ?? true) {
      for (const p of line.points) out.push(`<circle cx="${fmt(px(p.x))}" cy="${fmt(py(p.y))}" r="3" fill="${color}"><title>${escapeXml(`${line.name ? `${line.name} ` : ''}${label(p.x)}: ${p.y.toFixed(4)}`)}</title></circle>`);
    }
  });
  if (lines.length > 1) {
    lines.forEach((line, index) => {
      const y = margin.top + 8 + index * 16;
      const color = line.color ?? PALETTE[index % PALETTE.length];
      out.push(`<line x1="${right - 150}" y1="${y}" x2="${right - 130}" y2="${y}" stroke="${color}" stroke-width="2"/>`);
      out.push(`<text x="${right - 125}" y="${y + 4}">${escapeXml(line.name)}</text>`);
    });
  }
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** The learning curve (validation NDCG@10 per epoch) as an SVG chart; epochs without a validation value are skipped. */
export function learningCurveSvg(curve: readonly LearningCurvePoint[], title = 'Validation NDCG@10 per epoch'): string {
  const points = curve.filter((p) => p.validNdcg10 !== null).map((p) => ({ x: p.epoch, y: p.validNdcg10 ?? 0 }));
  return lineChartSvg(points, { title });
}
