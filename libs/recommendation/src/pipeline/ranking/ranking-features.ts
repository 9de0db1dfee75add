import type { HistoryEntry, Product, Source } from '@magpie/contracts';
import type { StatsModel } from '../../stats/stats-model';
import { anchorOf, type Candidate } from '../candidate';

/** The context features X of one (shopper, candidate) pair, in column order. */
export const RANKER_FEATURES = [
  'bias',
  'source:sequence',
  'source:cooccurrence',
  'source:longtail',
  'source:popular',
  'log popularity',
  'item recency',
  'anchor recency',
  'price gap',
  'price unknown',
  'blend position',
  'blend score',
  'tail',
  'category affinity',
] as const;
export const FEATURE_COUNT = RANKER_FEATURES.length;

const SOURCE_COLUMN: Partial<Record<Source, number>> = { sequence: 1, cooccurrence: 2, longtail: 3, popular: 4 };
/** History items (newest first) that the category affinity and the price reference look at. */
const PROFILE_ITEMS = 20;

/** Per-item popularity signals of a statistics model, built once per model. */
export interface ItemSignals {
  /** log(1 + count) / log(1 + largest count) ∈ [0, 1]; 0 for an item nobody touched. */
  popularity(id: number): number;
  /** Time-decayed over all-time weighted count ∈ [0, 1]: 1 when all of the item's interest is fresh. */
  recency(id: number): number;
}

const signalCache = new WeakMap<StatsModel, ItemSignals>();

export function itemSignals(stats: StatsModel): ItemSignals {
  let signals = signalCache.get(stats);
  if (signals) return signals;
  let largest = 0;
  for (const count of stats.counts.values()) largest = Math.max(largest, count);
  const norm = Math.log1p(largest) || 1;
  const decayed = new Map<number, number>();
  stats.popular.ids.forEach((id, i) => decayed.set(id, stats.popular.scores[i]));
  signals = {
    popularity: (id) => Math.log1p(stats.counts.get(id) ?? 0) / norm,
    recency: (id) => {
      const count = stats.counts.get(id) ?? 0;
      return count > 0 ? Math.min(1, (decayed.get(id) ?? 0) / count) : 0;
    },
  };
  signalCache.set(stats, signals);
  return signals;
}

/** What the features of one request are computed from. */
export interface RankingContext {
  /** The shopper's recent history, oldest first (empty for a shopper never seen). */
  history: readonly HistoryEntry[];
  lookup(id: number): Product | undefined;
  signals: ItemSignals;
  isTail(id: number): boolean;
}

const leafOf = (p: Product | undefined) => (p && p.categories.length > 0 ? p.categories[p.categories.length - 1] : undefined);

/**
 * Feature rows (pool.length × FEATURE_COUNT, row-major) for the blended pool, best blended first:
 * source one-hot, log popularity, item recency (decayed/all-time interest), recency of the history
 * event the candidate came from (1/(1 + distinct items since), 0 without an anchor), price gap to the
 * median price of the shopper's recent items (|ln(p/m)|/ln 4, capped at 1) or "price unknown", blended
 * position (1/log2(2 + position)) and score (over the best score), tail flag, and the share of recent
 * items in the candidate's leaf category.
 */
export function rankingFeatures(pool: readonly Candidate[], context: RankingContext): Float32Array {
  const rows = new Float32Array(pool.length * FEATURE_COUNT);
  const stepsBack = new Map<number, number>();
  const history = context.history;
  for (let k = history.length - 1; k >= 0; k--) if (!stepsBack.has(history[k].productId)) stepsBack.set(history[k].productId, stepsBack.size);
  const leaves = new Map<string, number>();
  const prices: number[] = [];
  let profiled = 0;
  for (const id of stepsBack.keys()) {
    if (profiled >= PROFILE_ITEMS) break;
    profiled++;
    const p = context.lookup(id);
    const leaf = leafOf(p);
    if (leaf) leaves.set(leaf, (leaves.get(leaf) ?? 0) + 1);
    if (p?.price != null && p.price > 0) prices.push(p.price);
  }
  prices.sort((a, b) => a - b);
  const median = prices.length > 0 ? prices[Math.floor(prices.length / 2)] : 0;
  const topScore = pool.length > 0 && pool[0].score > 0 ? pool[0].score : 1;
  pool.forEach((c, i) => {
    const at = i * FEATURE_COUNT;
    const p = context.lookup(c.productId);
    rows[at] = 1;
    const column = SOURCE_COLUMN[c.source];
    if (column !== undefined) rows[at + column] = 1;
    rows[at + 5] = context.signals.popularity(c.productId);
    rows[at + 6] = context.signals.recency(c.productId);
    const anchor = anchorOf(c);
    const back = anchor === undefined ? undefined : stepsBack.get(anchor);
    rows[at + 7] = back === undefined ? 0 : 1 / (1 + back);
    if (p?.price != null && p.price > 0 && median > 0) rows[at + 8] = Math.min(1, Math.abs(Math.log(p.price / median)) / Math.LN2 / 2);
    else rows[at + 9] = 1;
    rows[at + 10] = 1 / Math.log2(2 + i);
    rows[at + 11] = Math.max(0, c.score / topScore);
    rows[at + 12] = context.isTail(c.productId) ? 1 : 0;
    const leaf = leafOf(p);
    rows[at + 13] = leaf && profiled > 0 ? (leaves.get(leaf) ?? 0) / profiled : 0;
  });
  return rows;
}
