import type { SequenceRanking } from '../sequence/sequence-serving';
import type { Candidate } from './candidate';

/**
 * The sequence model's proposals as candidates. Each reason names the history item that explains
 * that proposal best (weighed in the encoding and resembles it: `SequenceRanking.anchorOf`). Made once per
 * ranking object; the list is shared, never change it.
 */
export function sequenceCandidates(ranking: SequenceRanking): readonly Candidate[] {
  const known = made.get(ranking);
  if (known) return known;
  const candidates = Array.from(ranking.productIds, (productId, i) => ({
    productId, score: ranking.scores[i], source: 'sequence' as const, anchor: () => ranking.anchorOf(i),
  }));
  made.set(ranking, candidates);
  return candidates;
}

/** Per ranking (SequenceServing returns the same object while it remembers a history's ranking): its candidates, made once. */
const made = new WeakMap<SequenceRanking, readonly Candidate[]>();
