import { ProductTally } from './product-tally';

describe('ProductTally', () => {
  it('sums contributions per product in order of first sight and keeps the source of the largest', () => {
    const tally = new ProductTally<string>();
    tally.begin();
    tally.add(7, 1, 'a');
    tally.add(3, 0.5, 'b');
    tally.add(7, 2, 'c');
    tally.add(7, 0.1, 'd');
    expect({ ids: tally.ids, totals: tally.totals, bests: tally.bests, winners: tally.winners }).toEqual({ ids: [7, 3], totals: [3.1, 0.5], bests: [2, 0.5], winners: ['c', 'b'] });
  });

  it('starts empty at every pass', () => {
    const tally = new ProductTally<number>();
    tally.begin();
    tally.add(1, 1, 10);
    tally.begin();
    tally.add(1, 2, 20);
    expect([tally.ids, tally.totals, tally.winners]).toEqual([[1], [2], [20]]);
  });
});
