import type { HistoryEntry, Product } from '@magpie/contracts';
import { computeStats, type StatsEvent } from '../stats/compute-stats';
import { catalogViewOf } from './catalog-view';
import type { StatsModel } from '../stats/stats-model';
import { Recommender } from './recommender';

const product = (id: number, title: string, categories: string[], extra: Partial<Product> = {}): Product => ({
  id, externalId: `p${id}`, title, description: null, brand: null, categories, price: 10, stock: null,
  imageUrl: null, attributes: {}, createdAt: new Date(0), updatedAt: new Date(0), ...extra,
});

const products = [
  product(1, 'Rose Serum', ['Beauty', 'Serums']),
  product(2, 'Rose Toner', ['Beauty', 'Toners']),
  product(3, 'Cotton Pads', ['Beauty', 'Tools']),
  product(4, 'Phone Case', ['Electronics', 'Cases']),
  product(5, 'USB Cable', ['Electronics', 'Cables'], { stock: 0 }),
  product(6, 'Charger', ['Electronics', 'Cables']),
];
const catalog = new Map(products.map((p) => [p.id, p]));

const T = Date.UTC(2026, 10, 1);
let ts = T;
const session = (userId: number, ...items: number[]): StatsEvent[] =>
  items.map((productId) => ({ userId, productId, type: 'view', ts: (ts += 1000) }));

let stats: StatsModel;
beforeAll(async () => {
  stats = await computeStats(
    [[
      ...session(1, 1, 2, 3), ...session(2, 1, 2), ...session(3, 1, 3),
      ...session(4, 4, 6, 5), ...session(5, 4, 6), ...session(6, 4, 6),
      ...session(7, 4), ...session(8, 4), ...session(9, 6),
    ].sort((a, b) => a.userId - b.userId || a.ts - b.ts)],
    { halfLifeDays: 14, maxNeighbours: 10, window: 3 },
  );
});

const recommender = () => new Recommender({ catalog: catalogViewOf((id) => catalog.get(id)), stats: () => stats });
const state = (recent: HistoryEntry[], purchased: number[] = [], disliked: number[] = []) => ({ recent, purchased, disliked });
const viewed = (productId: number): HistoryEntry => ({ productId, type: 'view', ts: T });

describe('Recommender', () => {
  it('gives a new shopper popular items with a reason', () => {
    const items = recommender().recommend({ state: null, first: 3 });
    expect(items.map((i) => i.product.id)).toEqual([4, 6, 1]);
    expect(items.every((i) => i.source === 'popular')).toBe(true);
    expect(items[0].reason).toBe('Popular right now in Cases');
  });

  it('leads with items bought or viewed together with the fresh history', () => {
    const items = recommender().recommend({ state: state([viewed(1)]), first: 3 });
    expect(items[0].source).toBe('cooccurrence');
    expect([2, 3]).toContain(items[0].product.id);
    expect(items[0].reason).toContain('“Rose Serum”');
  });

  it('changes as the history changes', () => {
    const beauty = recommender().recommend({ state: state([viewed(1)]), first: 2 }).map((i) => i.product.id);
    const tech = recommender().recommend({ state: state([viewed(1), viewed(4)]), first: 2 }).map((i) => i.product.id);
    expect(tech[0]).toBe(6);
    expect(tech).not.toEqual(beauty);
  });

  it('skips items the shopper already bought, disliked or just saw, and out-of-stock items', () => {
    const items = recommender().recommend({ state: state([viewed(4)], [6], [1]), first: 10 });
    const ids = items.map((i) => i.product.id);
    expect(ids).not.toContain(6); // purchased
    expect(ids).not.toContain(1); // disliked
    expect(ids).not.toContain(4); // seen
    expect(ids).not.toContain(5); // out of stock
    expect(ids.length).toBeGreaterThan(0);
  });

  it('applies the request filter', () => {
    const items = recommender().recommend({ state: null, first: 10, filter: { category: 'beauty', excludeIds: ['p2'] } });
    expect(items.map((i) => i.product.id).sort()).toEqual([1, 3]);
  });

  it('returns nothing but no error before any statistics exist', () => {
    const empty = new Recommender({ catalog: catalogViewOf((id) => catalog.get(id)), stats: () => null });
    expect(empty.recommend({ state: null, first: 5 })).toEqual([]);
  });

  it('finds similar items and fills up with popular items of the same category', () => {
    const items = recommender().similar(4, 3);
    expect(items[0].product.id).toBe(6);
    expect(items[0].source).toBe('similar');
    expect(items[0].reason).toBe('Often viewed together with “Phone Case”');
    expect(items.map((i) => i.product.id)).not.toContain(4);
  });

  it('takes content neighbours in turn with behavioural ones, and alone for a product nobody touched yet', () => {
    const mixed = recommender().similar(4, 2, [{ productId: 3, score: 0.9 }, { productId: 6, score: 0.8 }]);
    expect(mixed.map((i) => i.product.id)).toEqual([6, 3]);
    const untouched = new Recommender({ catalog: catalogViewOf((id) => catalog.get(id)), stats: () => null });
    const byContent = untouched.similar(2, 3, [{ productId: 1, score: 0.9 }, { productId: 5, score: 0.8 }, { productId: 2, score: 1 }]);
    expect(byContent.map((i) => i.product.id)).toEqual([1]); // 5 is out of stock, 2 is the product itself
    expect(byContent[0].source).toBe('similar');
  });
});
