import { learningCurveSvg, lineChartSvg, multiLineChartSvg } from './learning-curve-svg';
import type { LearningCurvePoint } from './scorer';

/** Checks that every tag is closed in order (enough to catch a malformed hand-written SVG). */
function tagsBalance(svg: string): boolean {
  const stack: string[] = [];
  for (const match of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = match;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

const point = (epoch: number, validNdcg10: number | null): LearningCurvePoint => ({ epoch, loss: 1, validNdcg10, seconds: 1, sequencesPerSecond: 100 });

describe('learningCurveSvg', () => {
  it('draws one polyline vertex and one circle per epoch with a validation value', () => {
    const svg = learningCurveSvg([point(1, 0.01), point(2, 0.02), point(3, null), point(4, 0.035)]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(tagsBalance(svg)).toBe(true);
    expect(svg.match(/<circle /g)).toHaveLength(3);
    const polyline = /<polyline [^>]*points="([^"]*)"/.exec(svg);
    expect(polyline?.[1].split(' ')).toHaveLength(3);
    expect(svg).toContain('0.0350');
  });

  it('places the best value at the top and higher epochs to the right', () => {
    const svg = lineChartSvg([{ x: 1, y: 0 }, { x: 2, y: 1 }], { width: 200, height: 100 });
    const [first, second] = (/points="([^"]*)"/.exec(svg)?.[1] ?? '').split(' ').map((p) => p.split(',').map(Number));
    expect(second[0]).toBeGreaterThan(first[0]);
    expect(second[1]).toBeLessThan(first[1]);
  });

  it('escapes text and still yields a valid chart without points', () => {
    const svg = lineChartSvg([], { title: 'a < b & "c"' });
    expect(svg).toContain('a &#60; b &#38; &#34;c&#34;');
    expect(svg).not.toContain('<polyline');
    expect(tagsBalance(svg)).toBe(true);
  });
});

describe('multiLineChartSvg', () => {
  it('draws one line per series on shared axes, with a legend naming each', () => {
    const svg = multiLineChartSvg(
      [
        { name: 'bandit', points: [{ x: 0, y: 0.01 }, { x: 10, y: 0.03 }] },
        { name: 'best fixed', points: [{ x: 0, y: 0.04 }, { x: 10, y: 0.04 }], markers: false },
      ],
      { width: 300, height: 200 },
    );
    expect(tagsBalance(svg)).toBe(true);
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    expect(svg).toContain('>bandit</text>');
    expect(svg).toContain('>best fixed</text>');
    // Shared y scale: the fixed line (0.04 = the maximum) lies at the top of the plot, above the bandit's last point.
    const [bandit, fixed] = [...svg.matchAll(/points="([^"]*)"/g)].map((m) => m[1].split(' ').map((p) => p.split(',').map(Number)));
    expect(fixed[1][1]).toBeLessThan(bandit[1][1]);
  });

  it('draws a single series exactly as lineChartSvg does (no legend)', () => {
    const points = [{ x: 1, y: 2 }, { x: 3, y: 4 }];
    expect(multiLineChartSvg([{ name: '', points }])).toBe(lineChartSvg(points));
    expect(lineChartSvg(points)).not.toContain('stroke-width="2"/>');
  });
});
