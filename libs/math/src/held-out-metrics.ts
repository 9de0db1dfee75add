// Leave-one-out ranking metrics: one held-out item per user, known by its 1-based rank among the
// ranked items. They equal the list-based metrics in ./ranking-metrics on a gains list holding a
// single 1 at `rank` (the spec checks this), but cost O(1) instead of building a list per user.

/**
 * Rank (1 = best) of `target` among the eligible indices of `scores`, with the tie rule of `topK`:
 * an equal score ranks first when its index is lower.
 * rank = 1 + #{ j ≠ target, j ∉ exclude, scores_j not NaN : s_j > s_t  or  (s_j = s_t and j < t) }
 * `exclude` never removes the target itself. A NaN target score ranks last (after every eligible index).
 */
export function rankOf(scores: ArrayLike<number>, target: number, exclude?: ReadonlySet<number>): number {
  const st = scores[target];
  let better = 0;
  let eligible = 0;
  for (let j = 0; j < scores.length; j++) {
    if (j === target) continue;
    const s = scores[j];
    if (Number.isNaN(s) || exclude?.has(j)) continue;
    eligible++;
    if (s > st || (s === st && j < target)) better++;
  }
  return Number.isNaN(st) ? eligible + 1 : better + 1;
}

/** HR@k for one held-out item: 1[rank ≤ k]. */
export function hitAtRank(rank: number, k: number): number {
  return rank >= 1 && rank <= k ? 1 : 0;
}

/**
 * NDCG@k for one held-out item: IDCG = 1/log2(2) = 1, so NDCG@k = 1/log2(rank + 1) if rank ≤ k, else 0.
 */
export function ndcgAtRank(rank: number, k: number): number {
  return rank >= 1 && rank <= k ? 1 / Math.log2(rank + 1) : 0;
}

/** Reciprocal rank over the full ranking (averaged over users it is MRR): RR = 1 / rank. */
export function reciprocalOfRank(rank: number): number {
  return rank >= 1 ? 1 / rank : 0;
}
