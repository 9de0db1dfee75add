import { createRandom } from './random';
import { descending, topK, topKBy, topKByScore } from './top-k';

describe('topK', () => {
  it('returns the indices of the k highest scores, best first', () => {
    expect(topK([0.1, 0.9, 0.5, 0.7, 0.3], 3)).toEqual([1, 3, 2]);
  });

  it('breaks ties by lower index first', () => {
    expect(topK([1, 2, 2, 1, 2], 4)).toEqual([1, 2, 4, 0]);
  });

  it('skips excluded indices and NaN scores', () => {
    expect(topK([5, NaN, 4, 3], 2, new Set([0]))).toEqual([2, 3]);
  });

  it('returns everything eligible when k exceeds the length, and nothing for k <= 0', () => {
    expect(topK(new Float32Array([2, 3, 1]), 10)).toEqual([1, 0, 2]);
    expect(topK([2, 3, 1], 0)).toEqual([]);
    expect(topK([2, 3, 1], -1)).toEqual([]);
  });

  it('agrees with a full sort on a large random array', () => {
    const scores = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 1013) / 10);
    const expected = scores
      .map((s, i) => [s, i])
      .sort((a, b) => b[0] - a[0] || a[1] - b[1])
      .slice(0, 50)
      .map(([, i]) => i);
    expect(topK(scores, 50)).toEqual(expected);
  });
});

describe('topKByScore', () => {
  it('orders like topKBy with "higher score, then lower tie key, then lower index", ties and short counts included', () => {
    const random = createRandom(3);
    for (const [count, k] of [[1000, 10], [5000, 100], [50, 100], [7, 7], [0, 5], [300, 0], [64, 1]]) {
      const scores = Float64Array.from({ length: count + 5 }, () => random.int(20)); // many ties; entries past count ignored
      const tie = Float64Array.from({ length: count + 5 }, () => random.int(4));
      const expected = topKBy(count, k, (a, b) => scores[b] - scores[a] || tie[a] - tie[b] || a - b);
      expect(Array.from(topKByScore(scores, count, k, tie))).toEqual(expected);
      expect(Array.from(topKByScore(scores, count, k))).toEqual(topKBy(count, k, (a, b) => scores[b] - scores[a] || a - b));
    }
  });
});

describe('descending', () => {
  it('orders numbers high to low with small-integer results, NaN and equal values tied', () => {
    expect([0.25, 3.5, -1, 3.5, 0.5].sort(descending)).toEqual([3.5, 3.5, 0.5, 0.25, -1]);
    expect([descending(2.5, 1.25), descending(1.25, 2.5), descending(1, 1), descending(Number.NaN, 1)]).toEqual([-1, 1, 0, 0]);
  });
});
