import { positionIds } from './sasrec';

describe('SASRec positions', () => {
  it("count from each row's oldest item, padding at 0, capped at maxLen − 1", () => {
    const ids = Int32Array.of(0, 0, 7, 8, /* row 2 */ 1, 2, 3, 4);
    expect(Array.from(positionIds({ ids, rows: 2, length: 4 }, 50))).toEqual([0, 0, 0, 1, 0, 1, 2, 3]);
    expect(Array.from(positionIds({ ids: Int32Array.of(1, 2, 3), rows: 1, length: 3 }, 2))).toEqual([0, 1, 1]);
  });
});
