import type { HistoryEntry, Product } from '@magpie/contracts';
import { computeStats, type StatsEvent } from '../stats/compute-stats';
import { catalogViewOf } from './catalog-view';
import { isTailItem, type StatsModel } from '../stats/stats-model';
import { DEFAULT_LIST_SHAPING } from './final-list';
import { createRankerModel } from './ranking/ranker-model';
import { RANKER_FEATURES } from './ranking/ranking-features';
import { ServedRanker } from './ranking/served-ranker';
import { DISCOVER_REASON } from './reasons';
import { Recommender, type RecommenderDeps } from './recommender';

// 30 products; 2..10 are serums, the others toners or masks. Product i is viewed by (31 − i) shoppers
// right after product 1: popularity falls with the id, and every product co-occurs with 1. Head (the
// 20% most popular) = 1..6.
const leafOf = (id: number) => (id <= 10 ? 'Serums' : id % 2 === 0 ? 'Toners' : 'Masks');
const product = (id: number): Product => ({
  id, externalId: `p${id}`, title: `Product ${id}`, description: null, brand: null, categories: ['Beauty', leafOf(id)],
  price: 10, stock: null, imageUrl: null, attributes: {}, createdAt: new Date(0), updatedAt: new Date(0),
});
const catalog = new Map(Array.from({ length: 30 }, (_, i) => [i + 1, product(i + 1)]));
const T = Date.UTC(2026, 10, 1);

let stats: StatsModel;
beforeAll(async () => {
  const events: StatsEvent[] = [];
  let user = 0;
  for (let id = 2; id <= 30; id++) {
    for (let n = 0; n < 31 - id; n++) {
      user++;
      events.push({ userId: user, productId: 1, type: 'view', ts: T + user * 10 }, { userId: user, productId: id, type: 'view', ts: T + user * 10 + 1 });
    }
  }
  stats = await computeStats([events], { halfLifeDays: 14, maxNeighbours: 40, window: 3 });
});

const recommender = (extra: Partial<RecommenderDeps> = {}) => new Recommender({ catalog: catalogViewOf((id) => catalog.get(id)), stats: () => stats, ...extra });
const history: HistoryEntry[] = [{ productId: 1, type: 'view', ts: T }];
const state = { recent: history, purchased: [], disliked: [] };
const ids = (items: Array<{ product: Product }>) => items.map((i) => i.product.id);

describe('the step after the blend', () => {
  it('changes nothing without a ranker, a cap or a tail share', () => {
    const plain = recommender().recommend({ state, first: 8 });
    const off = recommender({ shaping: DEFAULT_LIST_SHAPING }).recommend({ state, first: 8, tailShare: 0 });
    expect(ids(off)).toEqual(ids(plain));
    expect(off.map((i) => i.reason)).toEqual(plain.map((i) => i.reason));
    expect(plain.map((i) => i.score)).toEqual([...plain.map((i) => i.score)].sort((a, b) => b - a));
  });

  it('puts at least tailShare·k tail items in the list, the best-ranked ones, each saying "discover"', () => {
    const isTail = isTailItem(stats, 0.2);
    const plain = recommender().recommend({ state, first: 10 });
    const plainTail = plain.filter((i) => isTail(i.product.id)).length;
    expect(plainTail).toBe(5); // the blend leads with the head items 2..6
    const shaped = recommender().recommend({ state, first: 10, tailShare: 0.75 });
    expect(shaped).toHaveLength(10);
    const tail = shaped.filter((i) => isTail(i.product.id));
    expect(tail.length).toBe(8); // ⌈0.75 · 10⌉
    // The promoted ones are the best-ranked tail items of the blended pool.
    const pool = recommender().candidatePool({ state, first: 10 }, 50).filter((c) => isTail(c.productId)).map((c) => c.productId);
    expect(tail.map((i) => i.product.id).sort((a, b) => a - b)).toEqual(pool.slice(0, 8).sort((a, b) => a - b));
    expect(tail.every((i) => i.reason === DISCOVER_REASON)).toBe(true);
    expect(shaped.filter((i) => !isTail(i.product.id)).every((i) => i.reason !== DISCOVER_REASON)).toBe(true);
    // Head items kept are the blend's best head items, in the blend's order.
    const head = ids(shaped.filter((i) => !isTail(i.product.id)));
    expect(head).toEqual(ids(plain).filter((id) => !isTail(id)).slice(0, 2));
  });

  it('takes the configured tail share when the request gives none', () => {
    const isTail = isTailItem(stats, 0.2);
    const shaped = recommender({ shaping: { ...DEFAULT_LIST_SHAPING, tailShare: 1 } }).recommend({ state, first: 5 });
    expect(shaped.every((i) => isTail(i.product.id))).toBe(true);
  });

  it('keeps at most maxPerCategory items of one leaf category while alternatives exist', () => {
    const shaped = recommender({ shaping: { ...DEFAULT_LIST_SHAPING, maxPerCategory: 2 } }).recommend({ state, first: 6 });
    const perLeaf = new Map<string, number>();
    for (const i of shaped) perLeaf.set(i.product.categories[1], (perLeaf.get(i.product.categories[1]) ?? 0) + 1);
    expect(shaped).toHaveLength(6);
    expect(perLeaf).toEqual(new Map([['Serums', 2], ['Toners', 2], ['Masks', 2]]));
    const uncapped = recommender().recommend({ state, first: 6 });
    expect(uncapped.every((i) => i.product.categories[1] === 'Serums')).toBe(true);
    expect(ids(shaped).slice(0, 2)).toEqual(ids(uncapped).slice(0, 2));
  });

  it('lets a served ranker order the merged list, and remembers what it showed for online learning', () => {
    const model = createRankerModel([], { dim: 2 });
    model.weights[RANKER_FEATURES.indexOf('log popularity')] = -5; // a ranker that prefers the least popular items
    const ranker = new ServedRanker(1, model);
    const ranked = recommender({ ranker: () => ranker }).recommend({ state, first: 5, shopper: 42 });
    const pool = recommender().candidatePool({ state, first: 5 }, 50).map((c) => c.productId);
    const leastPopular = [...pool].sort((a, b) => (stats.counts.get(a) ?? 0) - (stats.counts.get(b) ?? 0) || pool.indexOf(a) - pool.indexOf(b));
    expect(ids(ranked)).toEqual(leastPopular.slice(0, 5));
    expect(ranked[0].score).toBeGreaterThan(ranked[4].score);
    expect(ranker.learn(42, ranked[0].product.id, 1)).toBe('learned');
    expect(ranker.learn(42, pool.find((id) => !ids(ranked).includes(id))!, 1)).toBe('not-shown');
  });
});
