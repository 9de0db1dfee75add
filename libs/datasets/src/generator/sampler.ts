import type { Random } from '@magpie/math';

/** Draws index i with probability weights[i] / Σ weights, in O(log n) per draw (cumulative sums + binary search). */
export interface WeightedSampler {
  readonly size: number;
  draw(random: Random): number;
}

export function createWeightedSampler(weights: ArrayLike<number>): WeightedSampler {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    total += weights[i];
    cumulative[i] = total;
  }
  return {
    size: weights.length,
    draw(random) {
      const r = random.next() * total;
      let lo = 0;
      let hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    },
  };
}

/** Poisson draw (Knuth), for small means. */
export function poisson(random: Random, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.next();
  while (p > limit) {
    k++;
    p *= random.next();
  }
  return k;
}

/** Uniform integer in [min, max]. */
export function between(random: Random, min: number, max: number): number {
  return min + random.int(max - min + 1);
}
