import { dcgAtK, hitRateAtK, ndcgAtK, reciprocalRank } from './ranking-metrics';

describe('dcgAtK', () => {
  it('discounts each gain by log2(rank + 1)', () => {
    // 3/log2(2) + 2/log2(3) + 0/log2(4) + 1/log2(5) = 3 + 1.26186 + 0 + 0.43068
    expect(dcgAtK([3, 2, 0, 1], 4)).toBeCloseTo(4.692536, 5);
  });

  it('stops at rank k and tolerates lists shorter than k', () => {
    expect(dcgAtK([3, 2, 0, 1], 1)).toBe(3);
    expect(dcgAtK([1], 10)).toBe(1);
    expect(dcgAtK([], 10)).toBe(0);
  });
});

describe('ndcgAtK', () => {
  it('divides by the DCG of the judged gains sorted descending', () => {
    // ideal [3, 2, 1, 0]: 3 + 1.26186 + 1/log2(4) = 4.76186; 4.692536 / 4.761860 = 0.985442
    expect(ndcgAtK([3, 2, 0, 1], [1, 0, 3, 2], 4)).toBeCloseTo(0.985442, 5);
  });

  it('is 1 for the ideal order and 0 when nothing relevant was returned', () => {
    expect(ndcgAtK([2, 1], [1, 2], 10)).toBe(1);
    expect(ndcgAtK([0, 0], [1, 2], 10)).toBe(0);
  });

  it('is 0 when the ideal DCG is 0', () => {
    expect(ndcgAtK([0], [0, 0], 10)).toBe(0);
  });

  it('counts a single relevant item at rank 2 as 1/log2(3)', () => {
    expect(ndcgAtK([0, 1], [1], 10)).toBeCloseTo(0.630930, 5);
  });
});

describe('hitRateAtK', () => {
  it('is 1 when a relevant item is within the first k ranks', () => {
    expect(hitRateAtK([0, 0, 1], 3)).toBe(1);
    expect(hitRateAtK([0, 0, 1], 2)).toBe(0);
    expect(hitRateAtK([], 5)).toBe(0);
  });
});

describe('reciprocalRank', () => {
  it('is one over the rank of the first relevant item', () => {
    expect(reciprocalRank([0, 0, 2, 1])).toBeCloseTo(1 / 3, 10);
    expect(reciprocalRank([1, 0])).toBe(1);
  });

  it('is 0 when the first relevant item is below k or missing', () => {
    expect(reciprocalRank([0, 0, 2], 2)).toBe(0);
    expect(reciprocalRank([0, 0])).toBe(0);
  });
});
