import { personalOrder } from './personal-rerank';

describe('personalOrder', () => {
  it('moves what the shopper is expected to want up by a bounded number of places', () => {
    // The last item is far more wanted than the rest: it rises, but does not jump the whole list.
    const order = personalOrder([0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
    expect(order.indexOf(9)).toBeGreaterThan(0);
    expect(order.indexOf(9)).toBeLessThan(9);
    expect(order.filter((i) => i !== 9)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('keeps the list when affinities are flat, missing or unknown, and treats unknown items as average', () => {
    expect(personalOrder([1, 1, 1])).toEqual([0, 1, 2]);
    expect(personalOrder([Number.NaN, 3])).toEqual([0, 1]);
    expect(personalOrder([])).toEqual([]);
    expect(personalOrder([Number.NaN, -1, 1], 10)).toEqual([2, 0, 1]);
  });
});
