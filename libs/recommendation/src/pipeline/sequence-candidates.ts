import type { SequenceRanking } from '../sequence/sequence-serving';
import type { Candidate } from './candidate';

/**
 * The sequence model's proposals as candidates. Each reason names the history item that explains
 * that proposal best (weighed in the encoding and resembles it: `SequenceRanking.anchorOf`).
 */
export function sequenceCandidates(ranking: SequenceRanking): Candidate[] {
  return Array.from(ranking.productIds, (productId, i) => ({
    productId, score: ranking.scores[i], source: 'sequence' as const, anchor: () => ranking.anchorOf(i),
  }));
}
