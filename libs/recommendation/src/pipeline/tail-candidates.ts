import { descending } from '@magpie/math';
import type { HistoryEntry } from '@magpie/contracts';
import type { StatsModel } from '../stats/stats-model';
import type { Candidate } from './candidate';
import { cooccurrenceCandidates } from './cooccurrence-candidates';

/**
 * Long-tail candidates for one shopper without a learned model: neighbours of the shopper's
 * history that lie in the tail of the popularity curve, strongest first. The GAN generator of a
 * later issue replaces this as the producer of `longtail` candidates; the storage and serving stay.
 */
export function tailCandidates(
  history: readonly HistoryEntry[],
  stats: StatsModel,
  isTail: (id: number) => boolean,
  options: { limit: number; anchors: number },
): Candidate[] {
  const seen = new Set(history.map((h) => h.productId));
  return cooccurrenceCandidates(history, stats, { anchors: options.anchors })
    .filter((c) => isTail(c.productId) && !seen.has(c.productId))
    .sort((a, b) => descending(a.score, b.score) || a.productId - b.productId)
    .slice(0, options.limit)
    .map((c) => ({ ...c, source: 'longtail' as const }));
}
