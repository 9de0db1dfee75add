import type { SequenceRanking } from '../sequence/sequence-serving';
import type { Candidate } from './candidate';

/**
 * The sequence model's proposals as candidates. The reason names the history item that weighed
 * most, and a second one when it weighed at least `secondShare` of the first (default 0.5).
 */
export function sequenceCandidates(ranking: SequenceRanking, options: { secondShare?: number } = {}): Candidate[] {
  const [first, second] = ranking.anchors;
  const anchorIds: number[] = [];
  if (first) anchorIds.push(first.productId);
  if (first && second && second.weight >= (options.secondShare ?? 0.5) * first.weight) anchorIds.push(second.productId);
  return Array.from(ranking.productIds, (productId, i) => ({ productId, score: ranking.scores[i], source: 'sequence' as const, anchorIds }));
}
