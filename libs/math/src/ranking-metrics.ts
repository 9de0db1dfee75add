// Ranking metrics over gains listed in ranked order (gains[0] = gain of the item ranked first).
// A gain is a graded relevance (0 = not relevant); binary metrics treat any gain > 0 as a hit.

const cutoff = (length: number, k: number) => Math.max(0, Math.min(length, Math.floor(k)));

/**
 * Discounted cumulative gain of the first k ranks.
 * DCG@k = Σ_{i=1..k} gain_i / log2(i + 1)
 */
export function dcgAtK(rankedGains: ArrayLike<number>, k: number): number {
  let dcg = 0;
  for (let i = 0; i < cutoff(rankedGains.length, k); i++) dcg += rankedGains[i] / Math.log2(i + 2);
  return dcg;
}

/**
 * Normalised DCG: the ranking's DCG divided by the best DCG the judged gains allow.
 * NDCG@k = DCG@k(ranked) / DCG@k(ideal), where ideal = idealGains sorted descending
 * (IDCG = Σ_{i=1..k} ideal_i / log2(i + 1)). Returns 0 when IDCG = 0 (nothing relevant exists).
 *
 * @param rankedGains gains of the returned items, in ranked order
 * @param idealGains gains of all judged items for the query, in any order
 */
export function ndcgAtK(rankedGains: ArrayLike<number>, idealGains: ArrayLike<number>, k: number): number {
  const ideal = Array.from(idealGains).sort((a, b) => b - a);
  const idcg = dcgAtK(ideal, k);
  return idcg > 0 ? dcgAtK(rankedGains, k) / idcg : 0;
}

/**
 * Hit rate: 1 if any of the first k ranks is relevant, else 0 (averaged over users it is HR@k).
 * HR@k = 1[∃ i ≤ k : gain_i > 0]
 */
export function hitRateAtK(rankedGains: ArrayLike<number>, k: number): number {
  for (let i = 0; i < cutoff(rankedGains.length, k); i++) if (rankedGains[i] > 0) return 1;
  return 0;
}

/**
 * Reciprocal rank of the first relevant item within the first k ranks (averaged, it is MRR@k).
 * RR@k = 1 / min{ i ≤ k : gain_i > 0 }, or 0 if there is none. k defaults to the whole list.
 */
export function reciprocalRank(rankedGains: ArrayLike<number>, k: number = Infinity): number {
  for (let i = 0; i < cutoff(rankedGains.length, k); i++) if (rankedGains[i] > 0) return 1 / (i + 1);
  return 0;
}
