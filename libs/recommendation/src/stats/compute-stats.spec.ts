import { computeStats, type StatsEvent } from './compute-stats';
import { decodeStats, encodeStats } from './stats-codec';
import { isTailItem } from './stats-model';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);
const ev = (userId: number, productId: number, type: StatsEvent['type'], day: number): StatsEvent => ({
  userId, productId, type, ts: T0 + day * DAY,
});
const options = { halfLifeDays: 7, maxNeighbours: 10, window: 3 };

describe('computeStats', () => {
  const events: StatsEvent[] = [
    ev(1, 10, 'view', 0), ev(1, 11, 'view', 0), ev(1, 12, 'purchase', 0),
    ev(2, 10, 'view', 14), ev(2, 11, 'cart', 14),
    ev(3, 10, 'view', 14), ev(3, 11, 'view', 14), ev(3, 13, 'impression', 14), ev(3, 14, 'dislike', 14),
  ];

  it('decays popularity by half per half-life and weighs event types', async () => {
    const model = await computeStats([events], options);
    const score = (id: number) => model.popular.scores[Array.from(model.popular.ids).indexOf(id)];
    // item 12: one purchase (weight 4) two half-lives before the newest event → 4 · 2^-2 = 1
    expect(score(12)).toBeCloseTo(1, 5);
    // item 11: view 14 days ago (0.25) + cart (3) + view (1) now
    expect(score(11)).toBeCloseTo(0.25 + 3 + 1, 5);
    expect(Array.from(model.popular.ids).slice(0, 2)).toEqual([11, 10]);
  });

  it('ignores impressions and dislikes', async () => {
    const model = await computeStats([events], options);
    expect(Array.from(model.popular.ids)).not.toContain(13);
    expect(Array.from(model.popular.ids)).not.toContain(14);
  });

  it('links items a shopper touched close together, strongest first', async () => {
    const model = await computeStats([events], options);
    const n10 = model.neighbours.get(10);
    expect(n10).toBeDefined();
    expect(n10!.ids[0]).toBe(11); // three shoppers went 10 → 11
    expect(Array.from(n10!.ids)).toContain(12);
    // sim(10,11) = (1 + 1 + 1) / √(3·3) = 1
    expect(n10!.scores[0]).toBeCloseTo(1, 5);
    // sim(10,12) = (1/2) / √(3·1)
    expect(n10!.scores[1]).toBeCloseTo(0.5 / Math.sqrt(3), 5);
  });

  it('keeps at most maxNeighbours per item', async () => {
    const many = Array.from({ length: 30 }, (_, i) => ev(1, i, 'view', 0));
    const model = await computeStats([many], { ...options, window: 30, maxNeighbours: 5 });
    for (const row of model.neighbours.values()) expect(row.ids.length).toBeLessThanOrEqual(5);
  });

  it('round-trips through the binary codec exactly', async () => {
    const model = await computeStats([events], options);
    const back = decodeStats(encodeStats(model));
    expect(back.referenceTs).toBe(model.referenceTs);
    expect(Array.from(back.popular.ids)).toEqual(Array.from(model.popular.ids));
    expect(Array.from(back.popular.scores)).toEqual(Array.from(model.popular.scores));
    expect([...back.counts]).toEqual([...model.counts]);
    expect(Array.from(back.neighbours.get(10)!.scores)).toEqual(Array.from(model.neighbours.get(10)!.scores));
    expect(back.figures).toEqual(model.figures);
  });

  it('splits head and tail by popularity rank', async () => {
    const model = await computeStats([events], options);
    const tail = isTailItem(model, 0.34); // 3 popular items → head of 2 (ceil(3·0.34))
    expect(tail(11)).toBe(false);
    expect(tail(12)).toBe(true);
  });
});
