import { PostingList } from './posting-list';

describe('PostingList', () => {
  it('grows past its initial capacity and keeps slots and frequencies in step', () => {
    const list = new PostingList(2, 1.2);
    for (let slot = 0; slot < 100; slot++) list.push(slot, [slot, 1]);
    expect(list.length).toBe(100);
    expect(Array.from(list.slots.subarray(0, 100))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(list.tf[2 * 57]).toBe(57);
    expect(list.tf[2 * 57 + 1]).toBe(1);
  });

  it('removes a slot by moving the last document into its place', () => {
    const list = new PostingList(2, 1.2);
    list.push(4, [1, 0]);
    list.push(7, [2, 3]);
    list.push(9, [0, 5]);
    expect(list.remove(4)).toBe(true);
    expect(list.remove(4)).toBe(false);
    expect(list.length).toBe(2);
    expect(Array.from(list.slots.subarray(0, 2))).toEqual([9, 7]);
    expect(Array.from(list.tf.subarray(0, 4))).toEqual([0, 5, 2, 3]);
  });

  it('saturates each document\'s Σ_f w_f · tf / norm as tf̃ / (k1 + tf̃), once per epoch', () => {
    const list = new PostingList(2, 1.2);
    list.push(0, [2, 0]);
    list.push(1, [1, 4]);
    const weights = Float64Array.of(3, 0.5);
    const norms = Float64Array.of(0.8, 1, 1.25, 0.5, 1, 1); // slot × field
    const sat = (tf: number) => tf / (1.2 + tf);
    expect(Array.from(list.saturate(1, weights, norms).subarray(0, 2))).toEqual([sat((3 * 2) / 0.8), sat((3 * 1) / 1.25 + (0.5 * 4) / 0.5)]);
    norms.fill(1);
    expect(list.saturate(1, weights, norms)[0]).toBe(sat((3 * 2) / 0.8)); // same epoch: cached
    expect(list.saturate(2, weights, norms)[0]).toBe(sat(6));
    list.push(2, [1, 0]); // a change invalidates the cache even within an epoch
    expect(Array.from(list.saturate(2, weights, norms).subarray(0, 3))).toEqual([sat(6), sat(5), sat(3)]);
  });
});
