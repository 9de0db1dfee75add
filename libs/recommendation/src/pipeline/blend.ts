import { topKByScore } from '@magpie/math';
import type { BlendWeights, Candidate } from './candidate';
import { ProductTally } from './product-tally';

/** Reused by every call (blending is synchronous, one pass at a time). */
const tally = new ProductTally<Candidate>();

/**
 * Merges candidates of several sources. Each source's scores are divided by that source's maximum
 * (so sources on different scales compare), then an item's score is Σ_s weight_s · score_s / max_s.
 * The item keeps the source (and anchors) that contributed most: that is what its reason tells.
 * Returns the best `limit` items (default all), best first; ties go to the lower product id.
 * `multiplier` (optional) scales an item's contributions after normalisation (e.g. the dislike
 * penalty), so lowering one item never changes how the others of its source compare.
 */
export function blend(
  candidates: readonly Candidate[],
  weights: BlendWeights,
  limit = Number.POSITIVE_INFINITY,
  multiplier?: (productId: number) => number,
): Candidate[] {
  const max = new Map<string, number>();
  for (const c of candidates) if (c.score > (max.get(c.source) ?? 0)) max.set(c.source, c.score);
  tally.begin();
  for (const c of candidates) {
    const weight = weights[c.source] ?? 0;
    const top = max.get(c.source) ?? 0;
    if (weight > 0 && top > 0) tally.add(c.productId, (weight * c.score) / top, c);
  }
  const { ids, totals, size } = tally;
  // The multiplier scales all of an item's contributions alike: applied once per item, after summing.
  if (multiplier) for (let slot = 0; slot < size; slot++) totals[slot] *= multiplier(ids[slot]);
  // Higher total first, ties to the lower product id.
  return Array.from(topKByScore(totals, size, Math.min(limit, size), ids), (slot) => ({ ...tally.winner(slot), score: totals[slot] }));
}
