import { topSlots } from './slot-top-k';

describe('topSlots', () => {
  const scores = Float64Array.of(0.5, 2, 2, 1, 0, 2);
  const ids = [10, 30, 20, 40, 50, 5];

  it('returns the best slots by score, equal scores by lower id', () => {
    const slots = Int32Array.of(0, 1, 2, 3, 4, 5);
    expect(topSlots(slots, 6, 3, scores, ids)).toEqual([5, 2, 1]);
    expect(topSlots(slots, 6, 4, scores, ids)).toEqual([5, 2, 1, 3]);
    expect(topSlots(slots, 6, 100, scores, ids)).toEqual([5, 2, 1, 3, 0, 4]);
  });

  it('only looks at the first `count` slots and handles a zero limit', () => {
    const slots = Int32Array.of(3, 0, 1, 9, 9);
    expect(topSlots(slots, 3, 2, scores, ids)).toEqual([1, 3]);
    expect(topSlots(slots, 3, 0, scores, ids)).toEqual([]);
  });

  it('agrees with a full sort on random scores with many ties', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const n = 2000;
    const many = Float64Array.from({ length: n }, () => Math.floor(random() * 50));
    const manyIds = Array.from({ length: n }, (_, i) => (i * 7919) % 10007);
    const all = Int32Array.from({ length: n }, (_, i) => n - 1 - i);
    const sorted = Array.from(all).sort((a, b) => many[b] - many[a] || manyIds[a] - manyIds[b]);
    for (const k of [1, 10, 37, 500]) expect(topSlots(all, n, k, many, manyIds)).toEqual(sorted.slice(0, k));
  });
});
