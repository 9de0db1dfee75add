import { topK } from '@magpie/math';
import { itemKnnScorer, itemSimilarities } from './item-knn-scorer';
import type { LeaveOneOutSplit } from './leave-one-out-split';
import { popularityScorer } from './popularity-scorer';

/** Training sequences only; evaluation targets are not needed to fit the baselines. */
const trainingSplit = (numItems: number, train: number[][]): LeaveOneOutSplit => {
  const empty = { users: new Int32Array(0), histories: [], targets: new Int32Array(0) };
  return { numItems, train: train.map((s) => Int32Array.from(s)), valid: empty, test: empty, trainOnlyUsers: 0 };
};

// counts: item 0 ×2, item 1 ×3, items 2, 3, 4 ×1
const TINY = trainingSplit(5, [[0, 1, 2], [0, 1], [1, 3], [4]]);

describe('popularityScorer', () => {
  it('ranks items by training count, ties to the lower index, the same for every history', async () => {
    const pop = popularityScorer();
    const report = await pop.fit(TINY);
    expect(report.epochs).toBe(1);
    expect(report.backend).toBe('js');
    const scores = pop.scoreBatch([Int32Array.of(4), Int32Array.of(0, 2)]);
    expect(Array.from(scores.subarray(0, 5))).toEqual([2, 3, 1, 1, 1]);
    expect(topK(scores.subarray(0, 5), 5)).toEqual([1, 0, 2, 3, 4]);
    expect(Array.from(scores.subarray(5, 10))).toEqual([2, 3, 1, 1, 1]);
  });
});

describe('itemSimilarities', () => {
  it('is co-occurrence weighted by 1/distance over √(n_i·n_j)', () => {
    const rows = itemSimilarities(TINY.train, 5, 2);
    const sim = (i: number, j: number) => {
      for (let e = rows.start[i]; e < rows.start[i + 1]; e++) if (rows.neighbours[e] === j) return rows.similarities[e];
      return 0;
    };
    // 0–1 adjacent for two users; 0 in 2 sequences, 1 in 3: 2/√6
    expect(sim(0, 1)).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(sim(1, 0)).toBeCloseTo(2 / Math.sqrt(6), 6);
    // 0–2 two apart once: (1/2)/√(2·1)
    expect(sim(0, 2)).toBeCloseTo(0.5 / Math.sqrt(2), 6);
    expect(sim(4, 0)).toBe(0);
  });
});

describe('itemKnnScorer', () => {
  it('recommends the item that co-occurs with the history first, then falls back to popularity', async () => {
    const knn = itemKnnScorer({ window: 1, anchors: 1 });
    await knn.fit(TINY);
    const scores = knn.scoreBatch([Int32Array.of(3), Int32Array.of(4)]);
    // item 3 co-occurs only with item 1; the rest is ordered by popularity (0, then 2, 3, 4 by index)
    expect(topK(scores.subarray(0, 5), 5)).toEqual([1, 0, 2, 3, 4]);
    expect(scores[1]).toBeCloseTo(1 / Math.sqrt(3), 5);
    // item 4 co-occurs with nothing: pure popularity order
    expect(topK(scores.subarray(5, 10), 5)).toEqual([1, 0, 2, 3, 4]);
  });

  it('sums the anchors\' similarities with decay for older history items', async () => {
    const knn = itemKnnScorer({ window: 1, anchors: 2, decay: 0.5 });
    await knn.fit(TINY);
    const scores = knn.scoreBatch([Int32Array.of(0, 3)]);
    // newest anchor 3: sim(3,1) = 1/√3; older anchor 0 at weight 0.5: sim(0,1) = 2/√6
    expect(scores[1]).toBeCloseTo(1 / Math.sqrt(3) + 0.5 * (2 / Math.sqrt(6)), 5);
    // item 2 only co-occurs with item 1 (not an anchor): just the popularity tie-break
    expect(scores[2]).toBeLessThan(1e-6);
  });

  it('refuses to score before fit', () => {
    expect(() => itemKnnScorer().scoreBatch([Int32Array.of(0)])).toThrow(/fit/);
  });
});
