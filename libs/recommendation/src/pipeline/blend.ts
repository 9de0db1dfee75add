import type { BlendWeights, Candidate } from './candidate';

/**
 * Merges candidates of several sources. Each source's scores are divided by that source's maximum
 * (so sources on different scales compare), then an item's score is Σ_s weight_s · score_s / max_s.
 * The item keeps the source (and anchor) that contributed most: that is what its reason tells.
 */
export function blend(candidates: readonly Candidate[], weights: BlendWeights): Candidate[] {
  const max = new Map<string, number>();
  for (const c of candidates) if (c.score > (max.get(c.source) ?? 0)) max.set(c.source, c.score);
  const merged = new Map<number, Candidate & { best: number }>();
  for (const c of candidates) {
    const weight = weights[c.source] ?? 0;
    const top = max.get(c.source) ?? 0;
    if (weight <= 0 || top <= 0) continue;
    const contribution = (weight * c.score) / top;
    const acc = merged.get(c.productId);
    if (!acc) merged.set(c.productId, { ...c, score: contribution, best: contribution });
    else {
      acc.score += contribution;
      if (contribution > acc.best) Object.assign(acc, { best: contribution, source: c.source, anchorId: c.anchorId });
    }
  }
  return [...merged.values()]
    .sort((a, b) => b.score - a.score || a.productId - b.productId)
    .map(({ best: _best, ...c }) => c);
}
