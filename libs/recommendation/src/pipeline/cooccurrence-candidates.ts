import { EVENT_WEIGHT, type HistoryEntry } from '@magpie/contracts';
import type { StatsModel } from '../stats/stats-model';
import type { Candidate } from './candidate';

/**
 * Neighbours of the shopper's most recent items. Each history item (anchor) weighs
 * w(type) · decay^(steps back from the newest), decay 0.5 by default, so the last thing viewed counts most:
 *   score(j) = Σ_anchors weight(anchor) · sim(anchor, j)
 * The anchor that contributed most is kept for the reason ("because you viewed X"). With `limit`, only
 * the best `limit` are returned (a page of 10 never needs the thousandth neighbour, and every candidate
 * costs a filter check and a blend slot).
 */
export function cooccurrenceCandidates(
  recent: readonly HistoryEntry[],
  stats: StatsModel,
  options: { anchors: number; decay?: number; limit?: number },
): Candidate[] {
  const decay = options.decay ?? 0.5;
  const anchorWeights = new Map<number, number>();
  let step = 0;
  for (let k = recent.length - 1; k >= 0 && anchorWeights.size < options.anchors; k--) {
    const entry = recent[k];
    const w = EVENT_WEIGHT[entry.type];
    if (w <= 0) continue;
    anchorWeights.set(entry.productId, (anchorWeights.get(entry.productId) ?? 0) + w * Math.pow(decay, step++));
  }
  const scores = new Map<number, { score: number; best: number; anchorId: number }>();
  for (const [anchorId, weight] of anchorWeights) {
    const row = stats.neighbours.get(anchorId);
    if (!row) continue;
    for (let i = 0; i < row.ids.length; i++) {
      const contribution = weight * row.scores[i];
      const acc = scores.get(row.ids[i]);
      if (!acc) scores.set(row.ids[i], { score: contribution, best: contribution, anchorId });
      else {
        acc.score += contribution;
        if (contribution > acc.best) { acc.best = contribution; acc.anchorId = anchorId; }
      }
    }
  }
  const all = [...scores].map(([productId, s]): Candidate => ({ productId, score: s.score, source: 'cooccurrence', anchorId: s.anchorId }));
  if (options.limit === undefined || all.length <= options.limit) return all;
  return all.sort((a, b) => b.score - a.score || a.productId - b.productId).slice(0, options.limit);
}
