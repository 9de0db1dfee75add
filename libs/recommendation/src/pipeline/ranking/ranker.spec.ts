import { createRandom } from '@magpie/math';
import type { HistoryEntry, Product, Source } from '@magpie/contracts';
import type { Candidate } from '../candidate';
import { evaluateRanker, fitRanker, type RankerList } from './fit-ranker';
import { decodeRanker, encodeRanker } from './ranker-codec';
import { createRankerModel, rankerScores } from './ranker-model';
import { FEATURE_COUNT, RANKER_FEATURES, rankingFeatures, type RankingContext } from './ranking-features';
import { eventsBeforeDecisions } from './ranker-lists';
import { ServedRanker } from './served-ranker';

const SOURCES: Source[] = ['sequence', 'cooccurrence', 'longtail', 'popular'];
const product = (id: number): Product => ({
  id, externalId: `p${id}`, title: `P${id}`, description: null, brand: null, categories: ['Shop', `c${id % 5}`],
  price: 10 + (id % 7), stock: null, imageUrl: null, attributes: {}, createdAt: new Date(0), updatedAt: new Date(0),
});
const context = (history: number[]): RankingContext => ({
  history: history.map((productId, ts): HistoryEntry => ({ productId, type: 'view', ts })),
  lookup: (id) => product(id),
  signals: { popularity: (id) => (id % 10) / 10, recency: () => 0.5 },
  isTail: (id) => id % 10 < 5,
});
const column = (name: (typeof RANKER_FEATURES)[number]) => RANKER_FEATURES.indexOf(name);

/**
 * Lists of 12 candidates (3 per source) in a random blended order; the shopper's next interaction is
 * `pick(list)`.
 */
function plantedLists(count: number, seed: number, pick: (pool: Candidate[], history: number[]) => number): RankerList[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => {
    const history = [1000 + random.int(4)];
    const ids = new Set<number>();
    while (ids.size < 12) ids.add(1 + random.int(200));
    const pool: Candidate[] = random.shuffle([...ids]).map((productId, i) => ({ productId, score: 1 - i / 12, source: SOURCES[i % 4] }));
    return {
      rows: rankingFeatures(pool, context(history)),
      itemIds: Int32Array.from(pool, (c) => c.productId),
      historyIds: Int32Array.from(history),
      positive: pick(pool, history),
    };
  });
}

describe('ranking features', () => {
  it('one-hot encodes the source and carries position, tail and price signals', () => {
    const pool: Candidate[] = [{ productId: 3, score: 2, source: 'cooccurrence', anchorId: 9 }, { productId: 15, score: 1, source: 'longtail' }];
    const rows = rankingFeatures(pool, context([9, 4]));
    expect(rows.length).toBe(2 * FEATURE_COUNT);
    expect(rows[column('source:cooccurrence')]).toBe(1);
    expect(rows[column('source:longtail')]).toBe(0);
    expect(rows[FEATURE_COUNT + column('source:longtail')]).toBe(1);
    expect(rows[column('anchor recency')]).toBeCloseTo(1 / 2, 6); // 9 is one distinct item back from the newest
    expect(rows[column('blend score')]).toBe(1);
    expect(rows[FEATURE_COUNT + column('blend score')]).toBe(0.5);
    expect(rows[column('blend position')]).toBe(1);
    expect(rows[column('tail')]).toBe(1); // 3 % 10 < 5
    expect(rows[FEATURE_COUNT + column('tail')]).toBe(0);
    // price 13 vs median of {10 + 9 % 7, 10 + 4 % 7} = {12, 14} → 14: |ln(13/14)| / ln 4
    expect(rows[column('price gap')]).toBeCloseTo(Math.abs(Math.log(13 / 14)) / Math.log(4), 5);
  });
});

describe('fitRanker', () => {
  it('learns that one source is always the one clicked, and ranks it above the blended order', () => {
    const pickLongtail = (pool: Candidate[]) => pool.findIndex((c) => c.source === 'longtail');
    const train = plantedLists(400, 1, pickLongtail);
    const valid = plantedLists(100, 2, pickLongtail);
    const model = fitRanker(train, { epochs: 5, seed: 3 });
    const longtail = model.weights[column('source:longtail')];
    for (const other of ['source:sequence', 'source:cooccurrence', 'source:popular'] as const) expect(longtail).toBeGreaterThan(model.weights[column(other)] + 1);
    const ranked = evaluateRanker(model, valid);
    const blended = evaluateRanker(null, valid);
    expect(ranked.ndcg10).toBeGreaterThan(0.75);
    expect(ranked.ndcg10).toBeGreaterThan(blended.ndcg10 + 0.2);
  });

  it('learns a shopper–item interaction through H ⊙ C', () => {
    // Features say nothing: the clicked item is the one "belonging" to the history item (id ≡ history mod 4).
    const pickPartner = (pool: Candidate[], history: number[]) => {
      const i = pool.findIndex((c) => c.productId % 4 === history[0] % 4);
      return i >= 0 ? i : 0;
    };
    const train = plantedLists(1500, 4, pickPartner);
    const valid = plantedLists(200, 5, pickPartner);
    const model = fitRanker(train, { epochs: 12, seed: 3, dim: 8, lr: 0.1 });
    const before = evaluateRanker(createRankerModel([], { dim: 8 }), valid);
    const after = evaluateRanker(model, valid);
    expect(after.mrr).toBeGreaterThan(before.mrr + 0.15);
  });

  it('is deterministic for a seed and round-trips through its artifact', () => {
    const lists = plantedLists(50, 6, () => 0);
    const a = fitRanker(lists, { epochs: 2, seed: 9 });
    const b = fitRanker(lists, { epochs: 2, seed: 9 });
    expect(Array.from(a.weights)).toEqual(Array.from(b.weights));
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
    const back = decodeRanker(encodeRanker(a));
    expect(Array.from(back.weights)).toEqual(Array.from(a.weights));
    expect(Array.from(back.historyFactors)).toEqual(Array.from(a.historyFactors));
    expect([...back.itemRows]).toEqual([...a.itemRows]);
    const list = lists[0];
    expect(Array.from(rankerScores(back, list.rows, list.itemIds, list.historyIds))).toEqual(Array.from(rankerScores(a, list.rows, list.itemIds, list.historyIds)));
  });
});

describe('ServedRanker', () => {
  it('learns online from impressions and clicks of what it showed: a source always clicked rises', () => {
    const served = new ServedRanker(1, createRankerModel([], { dim: 4 }), { lr: 0.1 });
    const lists = plantedLists(300, 7, () => 0);
    const popular = column('source:popular');
    const probe = lists[0];
    const isPopular = (i: number) => probe.rows[i * FEATURE_COUNT + popular] === 1;
    /** The strictly best-scored item of the probe list is one of its popular-source items. */
    const popularLeads = () => {
      const s = Array.from(served.scores(probe.rows, probe.itemIds, probe.historyIds));
      const best = s.indexOf(Math.max(...s));
      return isPopular(best) && s.every((x, i) => isPopular(i) || x < s[best]);
    };
    expect(popularLeads()).toBe(false); // an untrained ranker scores every item 0
    lists.forEach((list, shopper) => {
      list.itemIds.forEach((id, i) => served.remember(shopper, id, list.rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT), list.historyIds));
      list.itemIds.forEach((id, i) => {
        expect(served.learn(shopper, id, 0)).toBe('learned');
        if (list.rows[i * FEATURE_COUNT + popular] === 1) served.learn(shopper, id, 1);
      });
    });
    expect(served.learn(99_999, 1, 1)).toBe('not-shown');
    expect(served.model.weights[popular]).toBeGreaterThan(served.model.weights[column('source:sequence')] + 0.5);
    expect(popularLeads()).toBe(true);
  });

  it('leaves the trained model it was loaded from untouched', () => {
    const trained = createRankerModel([1, 2], { dim: 2 });
    const served = new ServedRanker(1, trained);
    const row = new Float32Array(FEATURE_COUNT).fill(1);
    served.remember(5, 1, row, Int32Array.from([2]));
    served.learn(5, 1, 1);
    expect(Array.from(trained.weights).every((w) => w === 0)).toBe(true);
    expect(served.model.weights[0]).toBeGreaterThan(0);
    expect(served.updates).toBe(1);
  });
});

describe('eventsBeforeDecisions', () => {
  it('cuts before the last n interactions, skipping impressions and dislikes in the count', () => {
    const e = (type: HistoryEntry['type']) => ({ type });
    const events = [e('view'), e('impression'), e('view'), e('click'), e('dislike'), e('purchase')];
    expect(eventsBeforeDecisions(events, 2)).toEqual(events.slice(0, 3));
    expect(eventsBeforeDecisions(events, 1)).toEqual(events.slice(0, 5));
    expect(eventsBeforeDecisions(events, 4)).toEqual([]);
  });
});
