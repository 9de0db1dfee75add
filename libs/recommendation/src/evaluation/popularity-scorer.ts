import { itemCounts } from '@magpie/math';
import type { LeaveOneOutSplit } from './leave-one-out-split';
import { countTrainingSequences, type FitReport, type Scorer } from './scorer';

/**
 * Popularity baseline: score(i) = count_i, the item's interactions in the training sequences; the
 * same ranking for every history (ties: lower item index first, as everywhere in the evaluation).
 */
export function popularityScorer(): Scorer {
  let counts = new Float32Array(0);
  return {
    name: 'pop',
    async fit(split: LeaveOneOutSplit): Promise<FitReport> {
      const started = performance.now();
      counts = Float32Array.from(itemCounts(split.train, split.numItems));
      const seconds = (performance.now() - started) / 1000;
      const sequences = countTrainingSequences(split);
      return { seconds, epochs: 1, bestEpoch: 1, sequencesPerSecond: sequences / Math.max(seconds, 1e-6), backend: 'js', curve: [] };
    },
    scoreBatch(histories) {
      const n = counts.length;
      const out = new Float32Array(histories.length * n);
      for (let r = 0; r < histories.length; r++) out.set(counts, r * n);
      return out;
    },
  };
}
