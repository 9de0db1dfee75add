import type { HistoryEntry, Product } from '@magpie/contracts';
import { catalogViewOf } from '../pipeline/catalog-view';
import { Recommender } from '../pipeline/recommender';
import { computeStats, type StatsEvent } from '../stats/compute-stats';
import type { StatsModel } from '../stats/stats-model';
import { dislikePenalty } from './dislike-penalty';

const product = (id: number, categories: string[]): Product => ({
  id, externalId: `p${id}`, title: `Product ${id}`, description: null, brand: null, categories, price: 10, stock: null,
  imageUrl: null, attributes: {}, createdAt: new Date(0), updatedAt: new Date(0),
});

// 1–3 serums, 4–5 toners, 6–7 cables; shoppers view 1 with 2, and 4 with 5.
const products = [
  product(1, ['Beauty', 'Serums']), product(2, ['Beauty', 'Serums']), product(3, ['Beauty', 'Serums']),
  product(4, ['Beauty', 'Toners']), product(5, ['Beauty', 'Toners']),
  product(6, ['Electronics', 'Cables']), product(7, ['Electronics', 'Cables']),
];
const catalog = new Map(products.map((p) => [p.id, p]));
const view = catalogViewOf((id) => catalog.get(id));

let stats: StatsModel;
beforeAll(async () => {
  let ts = Date.UTC(2026, 10, 1);
  const session = (userId: number, ...items: number[]): StatsEvent[] => items.map((productId) => ({ userId, productId, type: 'view', ts: (ts += 1000) }));
  stats = await computeStats(
    [[...session(1, 1, 2), ...session(2, 1, 2), ...session(3, 4, 5), ...session(4, 4, 5), ...session(5, 3), ...session(6, 6, 7), ...session(7, 6)]],
    { halfLifeDays: 14, maxNeighbours: 10, window: 3 },
  );
});

describe('dislikePenalty', () => {
  it('halves co-occurrence neighbours of a disliked item and cuts its leaf category by a quarter', () => {
    const factor = dislikePenalty([1], { stats, leafCategory: view.leafCategory })!;
    expect(factor(2)).toBe(0.5); // neighbour of 1 (and same category: the larger cut counts, not both)
    expect(factor(3)).toBe(0.75); // same leaf category "Serums" only
    expect(factor(4)).toBe(1);
    expect(factor(6)).toBe(1);
  });

  it('is bounded: an item like several dislikes is lowered by the larger cut once', () => {
    const factor = dislikePenalty([1, 3], { stats, leafCategory: view.leafCategory }, { neighbour: 0.6, category: 0.3 })!;
    expect(factor(2)).toBeCloseTo(0.4, 10);
  });

  it('does nothing without dislikes or when every cut is 0', () => {
    expect(dislikePenalty([], { stats, leafCategory: view.leafCategory })).toBeNull();
    const factor = dislikePenalty([1], { stats, leafCategory: view.leafCategory }, { neighbour: 0, category: 0 })!;
    expect(products.map((p) => factor(p.id))).toEqual(products.map(() => 1));
  });

  it('only spreads the most recent dislikes', () => {
    const factor = dislikePenalty([1, 6], { stats, leafCategory: view.leafCategory }, { recentDislikes: 1 })!;
    expect(factor(2)).toBe(1);
    expect(factor(7)).toBe(0.5);
  });
});

describe('Recommender with dislikes', () => {
  const viewed = (productId: number): HistoryEntry => ({ productId, type: 'view', ts: 1 });
  const recommender = new Recommender({ catalog: view, stats: () => stats });

  it('filters the disliked item and ranks items like it lower for that shopper only', () => {
    const scores = (disliked: number[]) =>
      new Map(recommender.recommend({ state: { recent: [viewed(6)], purchased: [], disliked }, first: 6 }).map((i) => [i.product.id, i.score]));
    const plain = scores([]);
    const disliking = scores([1]);
    expect(plain.has(1)).toBe(true);
    expect(disliking.has(1)).toBe(false);
    expect(disliking.get(2)! / plain.get(2)!).toBeCloseTo(0.5, 6); // bought together with 1
    expect(disliking.get(3)! / plain.get(3)!).toBeCloseTo(0.75, 6); // same leaf category as 1
    expect(disliking.get(7)).toBe(plain.get(7)); // unrelated items keep their score
    expect(disliking.get(4)).toBe(plain.get(4));
    // 2 tied with the toners before; now it follows them.
    const order = [...disliking.keys()];
    expect(order.indexOf(2)).toBeGreaterThan(order.indexOf(4));
  });

  it('takes per-request blend weights and echoes each source\'s model version', () => {
    const state = { recent: [viewed(1)], purchased: [], disliked: [] };
    const modelVersions = { cooccurrence: 'STATS:4', popular: 'STATS:4' };
    const led = recommender.recommend({ state, first: 3, weights: { cooccurrence: 0.05, popular: 0.95 }, modelVersions });
    expect(led[0].source).toBe('popular');
    expect(led[0].modelVersion).toBe('STATS:4');
    const coLed = recommender.recommend({ state, first: 3, weights: { cooccurrence: 0.95, popular: 0.05 } });
    expect(coLed[0]).toMatchObject({ source: 'cooccurrence', modelVersion: null });
    expect(coLed[0].product.id).toBe(2);
  });
});
