import { catalogueCoverage, exposureCounts, exposureGini, headItemMask, itemCounts, novelty, tailShare } from './exposure-metrics';

describe('itemCounts', () => {
  it('counts every occurrence, repeats included', () => {
    expect(Array.from(itemCounts([Int32Array.of(0, 1, 1), Int32Array.of(1, 3)], 4))).toEqual([1, 3, 0, 1]);
  });
});

describe('headItemMask', () => {
  it('marks the ceil(20%) most popular items, ties to the lower index', () => {
    // 10 items → head of 2: item 0 (5), then items 2 and 3 tie at 3 → item 2
    const head = headItemMask([5, 0, 3, 3, 1, 0, 0, 0, 0, 2]);
    expect(Array.from(head)).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('never puts an item without interactions in the head', () => {
    expect(Array.from(headItemMask([0, 4, 0, 0, 0, 0], 0.5))).toEqual([0, 1, 0, 0, 0, 0]);
  });
});

describe('catalogueCoverage', () => {
  it('is the share of items in at least one list', () => {
    expect(catalogueCoverage([[0, 1], [1, 2]], 10)).toBe(0.3);
    expect(catalogueCoverage([], 10)).toBe(0);
  });
});

describe('tailShare', () => {
  it('is the share of slots filled by tail items', () => {
    const head = Uint8Array.of(1, 0, 1, 0, 0, 0, 0, 0, 0, 0);
    // slots 0 (head), 3 (tail), 2 (head), 9 (tail) → 2/4
    expect(tailShare([[0, 3], [2, 9]], head)).toBe(0.5);
  });
});

describe('exposureGini', () => {
  it('follows Σ(2i − n − 1)·x_(i) / (n·Σx) over all items', () => {
    // exposures [2, 1, 1, 0] → sorted [0, 1, 1, 2]: (−3·0 − 1·1 + 1·1 + 3·2) / (4·4) = 6/16
    expect(Array.from(exposureCounts([[0, 1], [0, 2]], 4))).toEqual([2, 1, 1, 0]);
    expect(exposureGini([[0, 1], [0, 2]], 4)).toBe(0.375);
  });

  it('is 0 for equal exposure and (n − 1)/n when one item takes every slot', () => {
    expect(exposureGini([[0, 1], [2, 3]], 4)).toBe(0);
    expect(exposureGini([[0], [0], [0]], 4)).toBe(0.75);
    expect(exposureGini([], 4)).toBe(0);
  });
});

describe('novelty', () => {
  it('is the mean −log2 popularity share of the recommended items', () => {
    // counts [4, 2, 1, 1], total 8: −log2(4/8) = 1, −log2(2/8) = 2, −log2(1/8) = 3 (twice) → 9/4
    expect(novelty([[0, 1], [2, 3]], [4, 2, 1, 1])).toBe(2.25);
  });

  it('counts an item unseen in training as seen once', () => {
    // counts [3, 1, 0], total 4: −log2(1/4) = 2
    expect(novelty([[2]], [3, 1, 0])).toBe(2);
  });
});
