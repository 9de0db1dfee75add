import type { HistoryEntry } from '@magpie/contracts';
import type { StatsModel } from '../stats/stats-model';
import { cooccurrenceCandidates } from './cooccurrence-candidates';

const row = (pairs: Array<[number, number]>) => ({ ids: Int32Array.from(pairs, (p) => p[0]), scores: Float32Array.from(pairs, (p) => p[1]) });
const stats = {
  neighbours: new Map([
    [1, row([[10, 0.9], [11, 0.5], [12, 0.1]])],
    [2, row([[11, 0.8], [13, 0.4]])],
  ]),
} as unknown as StatsModel;
const viewed = (...ids: number[]): HistoryEntry[] => ids.map((productId, i) => ({ productId, type: 'view', ts: i }));

describe('cooccurrenceCandidates', () => {
  it('sums neighbour similarity weighted by recency and keeps the anchor that contributed most', () => {
    const all = cooccurrenceCandidates(viewed(1, 2), stats, { anchors: 10 });
    const byId = new Map(all.map((c) => [c.productId, c]));
    expect(byId.get(11)?.score).toBeCloseTo(0.8 * 1 + 0.5 * 0.5, 6); // 2 is the newest (weight 1), 1 one step back (0.5)
    expect(byId.get(11)?.anchorId).toBe(2);
    expect(byId.get(10)?.anchorId).toBe(1);
    expect(all).toHaveLength(4);
  });

  it('returns only the best `limit` when asked', () => {
    const best = cooccurrenceCandidates(viewed(1, 2), stats, { anchors: 10, limit: 2 });
    expect(best.map((c) => c.productId).sort((a, b) => a - b)).toEqual([10, 11]);
  });

  it('breaks ties at the limit by the lower product id', () => {
    const tied = { neighbours: new Map([[1, row([[30, 0.5], [20, 0.5], [25, 0.5], [40, 0.9]])]]) } as unknown as StatsModel;
    const best = cooccurrenceCandidates(viewed(1), tied, { anchors: 10, limit: 3 });
    expect(best.map((c) => c.productId).sort((a, b) => a - b)).toEqual([20, 25, 40]);
  });
});
