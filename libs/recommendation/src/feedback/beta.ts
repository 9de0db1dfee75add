import type { Random } from '@magpie/math';

/**
 * A Gamma(shape, 1) draw by Marsaglia and Tsang's method (shape ≥ 1); a shape below 1 uses
 * Gamma(a) = Gamma(a + 1) · U^(1/a).
 */
export function sampleGamma(random: Random, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0, got ${shape}`);
  if (shape < 1) return sampleGamma(random, shape + 1) * Math.pow(1 - random.next(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random.next(); // (0, 1]
    // Accept when log u < x²/2 + d − d·v + d·log v
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** A Beta(alpha, beta) draw: X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta). */
export function sampleBeta(random: Random, alpha: number, beta: number): number {
  const x = sampleGamma(random, alpha);
  const y = sampleGamma(random, beta);
  return x / (x + y);
}
