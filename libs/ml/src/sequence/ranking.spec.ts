import { initCompute } from '../compute/init-compute';
import { rankMetrics, targetRanks } from './ranking';

describe('full-ranking target ranks and metrics', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  // 6 rows (row 0 = padding) × dim 2; user u scores item i by dot product.
  const items = Float32Array.from([9, 9, /* 1 */ 1, 0, /* 2 */ 0, 1, /* 3 */ 2, 0, /* 4 */ 0.5, 0.5, /* 5 */ -1, 0]);
  const users = Float32Array.from([1, 0, /* u1 */ 0, 1]);

  it('ranks targets the same for many users at once (tensor path) as one by one (JS path)', () => {
    const dim = 4;
    const catalogue = Float32Array.from({ length: 50 * dim }, (_, i) => Math.sin(i * 0.37));
    const many = Float32Array.from({ length: 9 * dim }, (_, i) => Math.cos(i * 1.3));
    const histories = Array.from({ length: 9 }, (_, u) => Int32Array.of(u + 1, u + 2));
    const targets = Int32Array.from({ length: 9 }, (_, u) => 10 + 3 * u);
    const together = Array.from(targetRanks(catalogue, dim, many, histories, targets));
    const alone = Array.from({ length: 9 }, (_, u) => targetRanks(catalogue, dim, many.subarray(u * dim, (u + 1) * dim), [histories[u]], targets.subarray(u, u + 1))[0]);
    expect(together).toEqual(alone);
    expect(together.every((r) => Number.isFinite(r) && r >= 0 && r < 49)).toBe(true);
  });

  it('ranks a target among items outside the history; a target inside the history is a miss', () => {
    const ranks = targetRanks(items, 2, users, [Int32Array.of(3), Int32Array.of(2)], Int32Array.of(4, 2));
    expect(ranks[0]).toBe(1); // item 1 outranks 4 once item 3 (history) is excluded
    expect(ranks[1]).toBe(Infinity);
    // Without exclusions (the eval protocol), history items count like any other.
    const all = targetRanks(items, 2, users, null, Int32Array.of(4, 2));
    expect(all[0]).toBe(ranks[0] + 1);
    expect(Number.isFinite(all[1])).toBe(true);
  });

  it('computes HR, NDCG and MRR from ranks', () => {
    const m = rankMetrics(Float64Array.of(0, 1, 15, Infinity));
    expect(m['hr@10']).toBeCloseTo(2 / 4, 10);
    expect(m['ndcg@10']).toBeCloseTo((1 + 1 / Math.log2(3)) / 4, 10);
    expect(m['hr@20']).toBeCloseTo(3 / 4, 10);
    expect(m.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 16) / 4, 10);
  });
});
