import { createRandom } from '@magpie/math';
import { evaluate, fitAndEvaluate } from './evaluate';
import { itemKnnScorer } from './item-knn-scorer';
import { leaveOneOutSplit } from './leave-one-out-split';
import { popularityScorer } from './popularity-scorer';
import type { Scorer } from './scorer';

/** Shoppers walk the catalogue in order: each sequence is s, s+1, s+2, … (mod numItems), 3–8 long. */
function walkSequences(users: number, numItems: number, seed: number): Int32Array[] {
  const random = createRandom(seed);
  return Array.from({ length: users }, () => {
    const start = random.int(numItems);
    const length = 3 + random.int(6);
    return Int32Array.from({ length }, (_, p) => (start + p) % numItems);
  });
}

/** A scorer with the same fixed scores for every history. */
const fixedScorer = (scores: number[]): Scorer => ({
  name: 'fixed',
  fit: async () => ({ seconds: 0, epochs: 1, bestEpoch: 1, sequencesPerSecond: 0, backend: 'js', curve: [] }),
  scoreBatch: (histories) => {
    const out = new Float32Array(histories.length * scores.length);
    histories.forEach((_, r) => out.set(scores, r * scores.length));
    return out;
  },
});

describe('evaluate', () => {
  // one evaluated user: train [1], valid target 2, test target 0 (history [1, 2])
  const split = leaveOneOutSplit([Int32Array.of(1, 2, 0), Int32Array.of(3, 3)], 4);
  const scorer = fixedScorer([0.1, 0.9, 0.5, 0.3]);

  it('ranks every item, history included, by default (RecBole full-sort for sequential models)', () => {
    const report = evaluate(scorer, split, { ks: [1, 2] });
    // valid: ranking 1, 2, 3, 0 → target 2 at rank 2
    expect(report.valid['hr@1']).toBe(0);
    expect(report.valid['hr@2']).toBe(1);
    expect(report.valid['ndcg@2']).toBeCloseTo(1 / Math.log2(3), 10);
    expect(report.valid.mrr).toBe(0.5);
    // test: target 0 is ranked last of 4
    expect(report.test.mrr).toBe(0.25);
    expect(report.users).toBe(1);
  });

  it('removes the history\'s own items from the ranking when asked', () => {
    const report = evaluate(scorer, split, { ks: [1, 2], excludeHistory: true });
    // valid history [1] removed → target 2 first
    expect(report.valid['hr@1']).toBe(1);
    expect(report.valid.mrr).toBe(1);
    // test history [1, 2] removed → ranking 3, 0 → target at rank 2
    expect(report.test.mrr).toBe(0.5);
    expect(report.test['coverage@2']).toBe(0.5);
  });

  it('computes exposure metrics on the top-k lists', () => {
    // counts in training [1, 3, 3]: item 3 ×2, item 1 ×1 → head = ceil(0.2·4) = 1 item = item 3
    const report = evaluate(scorer, split, { ks: [2] });
    // valid and test list: [1, 2] → coverage 2/4, no head item → tail share 1
    expect(report.valid['coverage@2']).toBe(0.5);
    expect(report.valid['tailShare@2']).toBe(1);
    // exposures [0, 1, 1, 0] → sorted [0, 0, 1, 1]: (−3·0 − 1·0 + 1 + 3) / (4·2) = 0.5
    expect(report.valid['gini@2']).toBe(0.5);
    // total 3 interactions: item 1 → −log2(1/3), item 2 (unseen, counts as 1) → −log2(1/3)
    expect(report.valid['novelty@2']).toBeCloseTo(Math.log2(3), 10);
  });
});

describe('evaluation end to end with the baselines', () => {
  const numItems = 50;
  const split = leaveOneOutSplit([...walkSequences(300, numItems, 11), Int32Array.of(7, 8)], numItems);

  it('keeps short users out of evaluation', () => {
    expect(split.trainOnlyUsers).toBe(1);
    expect(split.test.targets.length).toBe(300);
  });

  it('item-kNN finds the next item of the walk; popularity does not', async () => {
    const knn = await fitAndEvaluate(itemKnnScorer(), split);
    const pop = await fitAndEvaluate(popularityScorer(), split);
    expect(knn.test['hr@10']).toBeGreaterThan(0.95);
    expect(knn.test['ndcg@10']).toBeGreaterThan(0.6);
    expect(pop.test['hr@10']).toBeLessThan(0.4);
    expect(knn.test['ndcg@10']).toBeGreaterThan(pop.test['ndcg@10'] * 3);
    expect(knn.test['hr@20']).toBeGreaterThanOrEqual(knn.test['hr@10']);
    expect(knn.test.mrr).toBeGreaterThan(0.4);
    expect(knn.test.mrr).toBeLessThanOrEqual(1);
  });

  it('gives popularity the exposure figures of one shared list', async () => {
    const pop = await fitAndEvaluate(popularityScorer(), split);
    // the same 10 items for everyone: coverage 10/50; they are the head (top 20% = 10 items) → tail share 0
    expect(pop.test['coverage@10']).toBe(0.2);
    expect(pop.test['tailShare@10']).toBe(0);
    // 10 items with equal exposure x, 40 with 0: Σ_{i=41..50}(2i − 51)·x / (50 · 10x) = 400/500
    expect(pop.test['gini@10']).toBeCloseTo(0.8, 10);
    // no learning curve of its own: one point with its validation NDCG@10
    expect(pop.fit.curve).toEqual([expect.objectContaining({ epoch: 1, validNdcg10: pop.valid['ndcg@10'] })]);
  });
});
