import { ensureTailShare, tailTarget } from './tail-exposure';

const tail = new Set([4, 6, 8, 9]);
const isTail = (id: number) => tail.has(id);

describe('ensureTailShare', () => {
  it('needs ⌈share·k⌉ tail items, without a float error adding one', () => {
    expect(tailTarget(0.3, 10)).toBe(3);
    expect(tailTarget(0.25, 10)).toBe(3);
    expect(tailTarget(0, 10)).toBe(0);
    expect(tailTarget(1, 10)).toBe(10);
  });

  it('replaces the lowest-placed head items with the best-ranked tail items of the pool', () => {
    const pool = [1, 2, 3, 4, 5, 7, 8, 10, 9, 6];
    const list = pool.slice(0, 5); // [1, 2, 3, 4, 5]: one tail item
    expect(ensureTailShare(list, pool, 0.6, isTail, (x) => x)).toEqual([1, 2, 8, 4, 9]);
  });

  it('leaves a list that already meets the share alone, and takes all it can when the pool is short', () => {
    expect(ensureTailShare([4, 1, 6], [4, 1, 6, 2], 0.5, isTail, (x) => x)).toEqual([4, 1, 6]);
    expect(ensureTailShare([1, 2, 3], [1, 2, 3, 9], 1, isTail, (x) => x)).toEqual([1, 2, 9]);
  });
});
