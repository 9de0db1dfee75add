/** z-score statistics of one numeric attribute, fitted on the training catalogue. */
export interface NumericStats {
  name: string;
  mean: number;
  std: number;
  /** log1p before scaling (skewed, non-negative values such as prices). */
  log: boolean;
}

const transform = (value: number, log: boolean) => (log ? Math.log1p(Math.max(0, value)) : value);

/**
 * Fits z-score statistics per attribute: log1p first when every value is ≥ 0 and the largest is over
 * 10× the median (prices, counts). Attributes with no value anywhere are dropped.
 */
export function fitNumericStats(items: Iterable<Readonly<Record<string, number | null | undefined>> | undefined>): NumericStats[] {
  const values = new Map<string, number[]>();
  for (const numeric of items) {
    for (const [name, v] of Object.entries(numeric ?? {})) {
      if (typeof v !== 'number' || !Number.isFinite(v)) continue;
      let list = values.get(name);
      if (!list) values.set(name, (list = []));
      list.push(v);
    }
  }
  return [...values.keys()].sort().map((name) => {
    const raw = values.get(name) ?? [];
    const sorted = [...raw].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const log = sorted[0] >= 0 && sorted[sorted.length - 1] > 10 * Math.max(median, 1e-9);
    const xs = raw.map((v) => transform(v, log));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
    return { name, mean, std: Math.sqrt(variance) || 1, log };
  });
}

/**
 * Features of one item: per attribute its z-score (0 = the mean when missing) and a missing flag,
 * so the model can tell "average" from "unknown". Width = 2 × stats.length.
 */
export function numericFeatures(stats: readonly NumericStats[], numeric: Readonly<Record<string, number | null | undefined>> | undefined, out: Float32Array, offset: number): void {
  stats.forEach((s, i) => {
    const v = numeric?.[s.name];
    const present = typeof v === 'number' && Number.isFinite(v);
    out[offset + 2 * i] = present ? Math.max(-5, Math.min(5, (transform(v, s.log) - s.mean) / s.std)) : 0;
    out[offset + 2 * i + 1] = present ? 0 : 1;
  });
}
