import { ProductTally } from './product-tally';

/** The pass's contents as plain arrays. */
const contents = <T>(tally: ProductTally<T>) => ({
  ids: [...tally.ids.subarray(0, tally.size)],
  totals: [...tally.totals.subarray(0, tally.size)],
  bests: [...tally.bests.subarray(0, tally.size)],
  winners: Array.from({ length: tally.size }, (_, slot) => tally.winner(slot)),
});

describe('ProductTally', () => {
  it('sums contributions per product in order of first sight and keeps the source of the largest', () => {
    const tally = new ProductTally<string>();
    tally.begin();
    tally.add(7, 1, 'a');
    tally.add(3, 0.5, 'b');
    tally.add(7, 2, 'c');
    tally.add(7, 0.1, 'd');
    expect(contents(tally)).toEqual({ ids: [7, 3], totals: [3.1, 0.5], bests: [2, 0.5], winners: ['c', 'b'] });
  });

  it('starts empty at every pass and lets go of the previous pass’s sources', () => {
    const tally = new ProductTally<number>();
    tally.begin();
    tally.add(1, 1, 10);
    tally.add(2, 1, 11);
    tally.begin();
    tally.add(1, 2, 20);
    expect(contents(tally)).toEqual({ ids: [1], totals: [2], bests: [2], winners: [20] });
    expect(tally.winners[1]).toBeUndefined();
  });

  it('grows past its first capacity and keeps every product', () => {
    const tally = new ProductTally<number>();
    tally.begin();
    for (let id = 1; id <= 1000; id++) tally.add(id, id / 10, id);
    for (let id = 1; id <= 1000; id += 2) tally.add(id, 1, -id);
    const { ids, totals, winners } = contents(tally);
    expect(ids).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(totals[0]).toBeCloseTo(1.1, 12);
    expect(totals[999]).toBe(100);
    expect(winners[0]).toBe(-1); // 1 > 0.1
    expect(winners[998]).toBe(999); // 99.9 > 1
  });
});
