import { hitAtRank, ndcgAtRank, rankOf, reciprocalOfRank } from './held-out-metrics';
import { hitRateAtK, ndcgAtK, reciprocalRank } from './ranking-metrics';
import { createRandom } from './random';
import { topK } from './top-k';

describe('rankOf', () => {
  it('counts higher scores and lower-index ties ahead of the target, skipping NaN', () => {
    // scores 0.5, 0.9, 0.5, 0.1, NaN — target 2: index 1 (0.9) and index 0 (0.5, lower index) are ahead
    expect(rankOf([0.5, 0.9, 0.5, 0.1, NaN], 2)).toBe(3);
    // target 0: only index 1 is ahead; index 2 ties but has a higher index
    expect(rankOf([0.5, 0.9, 0.5, 0.1, NaN], 0)).toBe(2);
  });

  it('skips excluded indices but never the target itself', () => {
    expect(rankOf([0.5, 0.9, 0.5, 0.1], 2, new Set([1]))).toBe(2);
    expect(rankOf([0.5, 0.9, 0.5, 0.1], 2, new Set([2]))).toBe(3);
  });

  it('puts a NaN target after every eligible index', () => {
    expect(rankOf([0.5, NaN, 0.2], 1)).toBe(3);
  });

  it('agrees with the position in topK over all items, ties included', () => {
    const random = createRandom(7);
    const scores = Array.from({ length: 200 }, () => Math.floor(random.next() * 20) / 20);
    const exclude = new Set([3, 50, 199]);
    const ranked = topK(scores, scores.length, exclude);
    for (const target of [0, 10, 77, 150]) expect(rankOf(scores, target, exclude)).toBe(ranked.indexOf(target) + 1);
  });
});

describe('held-out metrics from a rank', () => {
  it('HR@k is 1 exactly when the rank is within k', () => {
    expect(hitAtRank(10, 10)).toBe(1);
    expect(hitAtRank(11, 10)).toBe(0);
  });

  it('NDCG@k is 1/log2(rank + 1) within k', () => {
    expect(ndcgAtRank(1, 10)).toBe(1);
    expect(ndcgAtRank(3, 10)).toBe(0.5); // 1/log2(4)
    expect(ndcgAtRank(7, 10)).toBeCloseTo(1 / 3, 12); // 1/log2(8)
    expect(ndcgAtRank(11, 10)).toBe(0);
  });

  it('RR is 1/rank over the full ranking', () => {
    expect(reciprocalOfRank(4)).toBe(0.25);
    expect(reciprocalOfRank(1000)).toBe(0.001);
  });

  it('matches the list-based metrics on a list with a single relevant item', () => {
    for (const rank of [1, 2, 5, 10, 12]) {
      const gains = Array.from({ length: 15 }, (_, i) => (i === rank - 1 ? 1 : 0));
      expect(ndcgAtRank(rank, 10)).toBeCloseTo(ndcgAtK(gains, [1], 10), 12);
      expect(hitAtRank(rank, 10)).toBe(hitRateAtK(gains, 10));
      expect(reciprocalOfRank(rank)).toBeCloseTo(reciprocalRank(gains), 12);
    }
  });
});
