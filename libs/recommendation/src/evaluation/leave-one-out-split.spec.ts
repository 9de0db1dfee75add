import { leaveOneOutSplit } from './leave-one-out-split';

const seqs = (...lists: number[][]) => lists.map((l) => Int32Array.from(l));

describe('leaveOneOutSplit', () => {
  it('holds out the last item for test and the one before for validation', () => {
    const split = leaveOneOutSplit(seqs([0, 1, 2, 3], [4, 0, 1]), 5);
    expect(split.train.map((s) => Array.from(s))).toEqual([[0, 1], [4]]);
    expect(Array.from(split.valid.users)).toEqual([0, 1]);
    expect(split.valid.histories.map((s) => Array.from(s))).toEqual([[0, 1], [4]]);
    expect(Array.from(split.valid.targets)).toEqual([2, 0]);
    // test histories = training items + the validation item
    expect(split.test.histories.map((s) => Array.from(s))).toEqual([[0, 1, 2], [4, 0]]);
    expect(Array.from(split.test.targets)).toEqual([3, 1]);
    expect(split.trainOnlyUsers).toBe(0);
  });

  it('keeps users with fewer than 3 items in training only', () => {
    const split = leaveOneOutSplit(seqs([], [3], [1, 2], [0, 1, 2]), 4);
    expect(split.train.map((s) => Array.from(s))).toEqual([[], [3], [1, 2], [0]]);
    expect(Array.from(split.valid.users)).toEqual([3]);
    expect(Array.from(split.test.users)).toEqual([3]);
    expect(split.trainOnlyUsers).toBe(3);
  });

  it('handles no users at all', () => {
    const split = leaveOneOutSplit([], 3);
    expect(split.train).toEqual([]);
    expect(split.test.targets.length).toBe(0);
    expect(split.trainOnlyUsers).toBe(0);
  });

  it('keeps repeated items as they are (a target may repeat a history item)', () => {
    const split = leaveOneOutSplit(seqs([2, 2, 1, 2]), 3);
    expect(Array.from(split.train[0])).toEqual([2, 2]);
    expect(Array.from(split.test.histories[0])).toEqual([2, 2, 1]);
    expect(split.test.targets[0]).toBe(2);
  });

  it('does not share memory with the input sequences', () => {
    const input = seqs([0, 1, 2, 3]);
    const split = leaveOneOutSplit(input, 4);
    input[0][0] = 3;
    expect(split.train[0][0]).toBe(0);
    expect(split.test.histories[0][0]).toBe(0);
  });

  it('rejects items outside 0..numItems-1', () => {
    expect(() => leaveOneOutSplit(seqs([0, 1, 5]), 5)).toThrow(/item 5 outside 0..4/);
    expect(() => leaveOneOutSplit(seqs([-1, 0, 1]), 5)).toThrow(RangeError);
  });
});
