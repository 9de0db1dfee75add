import { ndcgAtK } from '@magpie/math';
import { fitLambdaMart, type RankedQuery } from './lambdamart';

/** Queries whose relevant candidates sit in a middle band of feature 0 (no linear order finds them); feature 1 is noise. */
function queries(count: number, seed: number): RankedQuery[] {
  let s = seed;
  const random = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: count }, () => {
    const x = Array.from({ length: 20 }, () => [random(), random()]);
    const gains = x.map(([a]) => (a > 0.4 && a < 0.6 ? 2 : 0));
    return { x, gains, ideal: gains };
  });
}

const meanNdcg = (qs: RankedQuery[], model: (x: readonly number[]) => number) =>
  qs.reduce((sum, q) => {
    const order = q.x.map((_, i) => i).sort((a, b) => model(q.x[b]) - model(q.x[a]));
    return sum + ndcgAtK(order.map((i) => q.gains[i]), q.ideal, 10);
  }, 0) / qs.length;

describe('LambdaMART', () => {
  it('learns a non-linear relevance band and ranks unseen queries by it', () => {
    const model = fitLambdaMart(queries(60, 1), { trees: 30, depth: 3, minLeaf: 20 });
    expect(meanNdcg(queries(40, 2), model)).toBeGreaterThan(0.95);
    expect(meanNdcg(queries(40, 2), (x) => x[0])).toBeLessThan(0.8); // a linear score does not
  });

  it('is deterministic and reports every tree', () => {
    const seen: number[] = [];
    const a = fitLambdaMart(queries(20, 3), { trees: 5, minLeaf: 10, onTree: (t) => seen.push(t) });
    const b = fitLambdaMart(queries(20, 3), { trees: 5, minLeaf: 10 });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    for (const q of queries(5, 4)) for (const x of q.x) expect(a(x)).toBe(b(x));
  });
});
