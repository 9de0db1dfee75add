import { chooseColdItems, splitHeldOutByTarget, withColdItems } from './cold-items';
import { evaluate } from './evaluate';
import { leaveOneOutSplit } from './leave-one-out-split';
import type { Scorer } from './scorer';


describe('cold items', () => {
  it('draws round(fraction · items) distinct items, the same for the same seed', () => {
    const a = chooseColdItems(100, 0.2, 42);
    expect(a.items.length).toBe(20);
    expect(new Set(a.items).size).toBe(20);
    expect(Array.from(a.items)).toEqual([...a.items].sort((x, y) => x - y));
    expect(a.mask.reduce((s, v) => s + v, 0)).toBe(20);
    expect(Array.from(chooseColdItems(100, 0.2, 42).items)).toEqual(Array.from(a.items));
    expect(Array.from(chooseColdItems(100, 0.2, 43).items)).not.toEqual(Array.from(a.items));
    expect(() => chooseColdItems(10, 1, 1)).toThrow(RangeError);
  });

  it('removes cold items from every training sequence and validation history, keeps the test stage as it was', () => {
    const sequences = [Int32Array.of(0, 1, 2, 3, 4), Int32Array.of(1, 5, 0, 2), Int32Array.of(5, 1, 3), Int32Array.of(1, 5)];
    const split = leaveOneOutSplit(sequences, 6);
    const cold = { fraction: 2 / 6, seed: 0, items: Int32Array.of(1, 5), mask: Uint8Array.of(0, 1, 0, 0, 0, 1) };
    const coldSplit = withColdItems(split, cold);
    expect(coldSplit.train.map((s) => Array.from(s))).toEqual([[0, 2], [], [], []]);
    for (const s of coldSplit.train) for (const i of s) expect(cold.mask[i]).toBe(0);
    // user 2's validation target (1) is cold: skipped for early stopping
    expect(Array.from(coldSplit.valid.users)).toEqual([0, 1]);
    expect(Array.from(coldSplit.valid.targets)).toEqual([3, 0]);
    expect(coldSplit.valid.histories.map((h) => Array.from(h))).toEqual([[0, 2], []]);
    // test untouched: every evaluated user, full histories (cold items included), cold targets kept
    expect(coldSplit.test).toEqual(split.test);
    expect(coldSplit.test.histories.map((h) => Array.from(h))).toEqual([[0, 1, 2, 3], [1, 5, 0], [5, 1]]);
    expect(coldSplit.numItems).toBe(6);
  });

  it('splits held-out rows by whether the target is cold', () => {
    const split = leaveOneOutSplit([Int32Array.of(0, 1, 2), Int32Array.of(2, 0, 3), Int32Array.of(3, 3, 1)], 4);
    const { cold, warm } = splitHeldOutByTarget(split.test, Uint8Array.of(0, 0, 1, 1));
    expect(Array.from(cold.users)).toEqual([0, 1]);
    expect(Array.from(cold.targets)).toEqual([2, 3]);
    expect(Array.from(warm.users)).toEqual([2]);
    expect(warm.histories.map((h) => Array.from(h))).toEqual([[3, 3]]);
  });

  it('reports test metrics for shoppers with a cold held-out item and for the others', () => {
    // test targets: user 0 → 2 (cold), user 1 → 3 (cold), user 2 → 1 (warm)
    const split = leaveOneOutSplit([Int32Array.of(0, 1, 2), Int32Array.of(2, 0, 3), Int32Array.of(3, 3, 1)], 4);
    const scores = [0.1, 0.9, 0.8, 0.2]; // ranking 1, 2, 3, 0
    const scorer: Scorer = {
      name: 'fixed',
      fit: async () => ({ seconds: 0, epochs: 1, bestEpoch: 1, sequencesPerSecond: 0, backend: 'js', curve: [] }),
      scoreBatch: (histories) => {
        const out = new Float32Array(histories.length * 4);
        histories.forEach((_, r) => out.set(scores, r * 4));
        return out;
      },
    };
    const report = evaluate(scorer, split, { ks: [1, 2], coldItems: Uint8Array.of(0, 0, 1, 1) });
    expect(report.cold?.users).toBe(2);
    expect(report.warm?.users).toBe(1);
    expect(report.cold?.metrics['hr@2']).toBe(0.5); // item 2 at rank 2, item 3 at rank 3
    expect(report.cold?.metrics['ndcg@2']).toBeCloseTo(0.5 / Math.log2(3), 10);
    expect(report.warm?.metrics['hr@1']).toBe(1);
    expect(report.test['hr@2']).toBeCloseTo(2 / 3, 10);
    expect(evaluate(scorer, split, { ks: [1] }).cold).toBeUndefined();
  });
});
