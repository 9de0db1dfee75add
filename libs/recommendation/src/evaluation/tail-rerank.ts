/**
 * Tail-exposure re-ranks of a base model's list, evaluated without re-scoring the catalogue. Each
 * shopper keeps a small candidate pool (the base model's top N, plus any long-tail candidates from
 * another source), the base scores of those candidates, and where the held-out item stood in the
 * base model's full ranking. A re-rank changes the scores of pool items only, so the held-out item's
 * new rank over the whole catalogue — and HR, NDCG, MRR — is exact for the re-ranked order.
 */

/** One shopper's candidates for re-ranking. */
export interface CandidatePool {
  /** Candidates: the base model's top `top` items in base order, then extra candidates (any order). */
  items: Int32Array;
  /** The base model's score of each candidate. */
  base: Float32Array;
  /** How many leading candidates are the base model's top list. */
  top: number;
  /** Per candidate: the long-tail source's strength in [0, 1] (0 = not proposed by it). */
  proposal: Float32Array;
  target: number;
  /** The held-out item's base score and its 1-based rank in the base model's full ranking. */
  targetBase: number;
  targetRank: number;
  /**
   * When the held-out item is a candidate outside the base top list: the base scores of the
   * non-candidates the base model ranks above it (to rank it exactly once lifted); empty otherwise.
   */
  targetAbove: Float32Array;
}

/** A re-ranked pool: the new top list and the held-out item's new 1-based rank. */
export interface Reranked {
  list: number[];
  rank: number;
}

/**
 * Per-shopper standardisation of base scores, ŝ = (s − μ) / σ with μ, σ over the base top list, so one
 * re-rank strength means the same for shoppers whose raw scores differ in scale.
 */
export function standardiser(pool: CandidatePool): (score: number) => number {
  const n = Math.max(1, pool.top);
  let mean = 0;
  for (let j = 0; j < pool.top; j++) mean += pool.base[j];
  mean /= n;
  let variance = 0;
  for (let j = 0; j < pool.top; j++) variance += (pool.base[j] - mean) ** 2;
  const std = Math.sqrt(variance / n) || 1;
  return (score) => (score - mean) / std;
}

/** Candidate a before b: higher adjusted score, then higher base score, then lower item index. */
const before = (pool: CandidatePool, adjusted: ArrayLike<number>) => (a: number, b: number) =>
  adjusted[b] - adjusted[a] || pool.base[b] - pool.base[a] || pool.items[a] - pool.items[b];

/**
 * Re-orders the base top list by `adjusted` (one value per candidate; only the first `top` are used).
 * Every other item keeps its base order after the top list, so a held-out item outside the top list
 * keeps its base rank.
 */
export function rerankTop(pool: CandidatePool, adjusted: ArrayLike<number>, k: number): Reranked {
  const order = Array.from({ length: pool.top }, (_, j) => j).sort(before(pool, adjusted));
  const at = order.findIndex((j) => pool.items[j] === pool.target);
  return { list: order.slice(0, k).map((j) => pool.items[j]), rank: at >= 0 ? at + 1 : pool.targetRank };
}

/**
 * Ranks all candidates by `adjusted` among all items, where every non-candidate keeps its standardised
 * base score ŝ (adjusted scores must be ŝ plus a non-negative lift). No non-candidate can enter the
 * top `top`: each top-list candidate keeps at least its ŝ, which beats every non-candidate's. The
 * held-out item's rank counts the candidates above it and the non-candidates above it (from its base
 * rank, or from `targetAbove` when it is a lifted candidate outside the top list).
 */
export function rerankMerged(pool: CandidatePool, adjusted: ArrayLike<number>, k: number): Reranked {
  const order = Array.from(pool.items, (_, j) => j).sort(before(pool, adjusted));
  const list = order.slice(0, k).map((j) => pool.items[j]);
  const at = order.findIndex((j) => pool.items[j] === pool.target);
  const standard = standardiser(pool);
  if (at >= 0) {
    let nonCandidatesAbove = 0;
    const targetAdjusted = adjusted[order[at]];
    for (const s of pool.targetAbove) if (standard(s) > targetAdjusted) nonCandidatesAbove++;
    return { list, rank: at + 1 + nonCandidatesAbove };
  }
  const targetAdjusted = standard(pool.targetBase);
  let candidatesAbove = 0;
  let candidatesAboveInBase = 0;
  for (let j = 0; j < pool.items.length; j++) {
    const s = pool.base[j];
    const item = pool.items[j];
    if (s > pool.targetBase || (s === pool.targetBase && item < pool.target)) candidatesAboveInBase++;
    const a = adjusted[j];
    if (a > targetAdjusted || (a === targetAdjusted && (s > pool.targetBase || (s === pool.targetBase && item < pool.target)))) candidatesAbove++;
  }
  return { list, rank: candidatesAbove + (pool.targetRank - 1 - candidatesAboveInBase) + 1 };
}

/**
 * Inverse-popularity re-rank of the base top list: ŝ_i − β · log(1 + count_i) (count = training
 * interactions). β = 0 is the base order; a larger β lifts less popular items, so the tail share of
 * the top list only grows.
 */
export function inversePopularityRerank(pool: CandidatePool, counts: ArrayLike<number>, beta: number, k: number): Reranked {
  const standard = standardiser(pool);
  const adjusted = Float64Array.from(pool.base, (s, j) => standard(s) - beta * Math.log1p(counts[pool.items[j]]));
  return rerankTop(pool, adjusted, k);
}

/**
 * Long-tail blend: ŝ_i + λ · p_i over all items, where p_i ∈ [0, 1] is the long-tail source's strength
 * for the tail items it proposed and 0 for every other item. λ = 0 is the base order; a larger λ only
 * lifts proposed tail items, so the tail share of the top list only grows.
 */
export function proposalBlendRerank(pool: CandidatePool, lambda: number, k: number): Reranked {
  const standard = standardiser(pool);
  const adjusted = Float64Array.from(pool.base, (s, j) => standard(s) + lambda * pool.proposal[j]);
  return rerankMerged(pool, adjusted, k);
}

/**
 * The smallest parameter in [lo, hi] at which the increasing function `f` reaches `target`, by
 * bisection (`iterations` halvings). Returns hi when even hi falls short (check `f(result)`), lo when
 * lo already reaches it.
 */
export function bisectParameter(f: (parameter: number) => number, target: number, lo: number, hi: number, iterations = 20): number {
  if (f(lo) >= target) return lo;
  if (f(hi) < target) return hi;
  let low = lo;
  let high = hi;
  for (let i = 0; i < iterations; i++) {
    const mid = (low + high) / 2;
    if (f(mid) >= target) high = mid;
    else low = mid;
  }
  return high;
}
