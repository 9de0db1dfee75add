import { descending } from '@magpie/math';
import type { HistoryEntry, Product } from '@magpie/contracts';
import { isTailItem, type StatsModel } from '../stats/stats-model';
import type { Candidate } from './candidate';
import { capPerGroup } from './diversity';
import { itemSignals, rankingFeatures, FEATURE_COUNT } from './ranking/ranking-features';
import type { ServedRanker } from './ranking/served-ranker';
import { ensureTailShare } from './tail-exposure';

/** How the final list is shaped after the blend (configured; `tailShare` also per request). */
export interface ListShapingOptions {
  /** Most items of one leaf category among the top k while alternatives exist (0 = no cap). */
  maxPerCategory: number;
  /** Share of the list that must be tail items when candidates have them (0 = no control). */
  tailShare: number;
  /** The most popular fraction of items that is "head"; the rest is tail (see `isTailItem`). */
  headShare: number;
}

export const DEFAULT_LIST_SHAPING: ListShapingOptions = { maxPerCategory: 0, tailShare: 0, headShare: 0.2 };

export interface ShapeListInput {
  /** Blended candidates, best first (more than `first` when the list is shaped). */
  pool: readonly Candidate[];
  first: number;
  stats: StatsModel | null;
  /** The shopper's recent history, oldest first. */
  history: readonly HistoryEntry[];
  lookup(id: number): Product | undefined;
  /** The served ranker, or null: the blended order stands. */
  ranker: ServedRanker | null;
  options: ListShapingOptions;
  /** This request's tail share (overrides the configured one). */
  tailShare?: number;
  /** The shopper's internal id: the ranker remembers what it showed them, for online learning. */
  shopper?: number;
}

/** Candidates the blend should hand over: the whole page, or a pool to reorder and reshape. */
export function blendPoolSize(first: number, shaped: boolean): number {
  return shaped ? Math.max(50, first * 5) : first;
}

/** Whether anything after the blend may change the list (else the blend's top `first` stands). */
export function shapesList(options: ListShapingOptions, ranker: ServedRanker | null, tailShare?: number): boolean {
  return ranker !== null || options.maxPerCategory > 0 || (tailShare ?? options.tailShare) > 0;
}

const tailCache = new WeakMap<StatsModel, Map<number, (id: number) => boolean>>();

function tailOf(stats: StatsModel, headShare: number): (id: number) => boolean {
  let byShare = tailCache.get(stats);
  if (!byShare) tailCache.set(stats, (byShare = new Map()));
  let isTail = byShare.get(headShare);
  if (!isTail) byShare.set(headShare, (isTail = isTailItem(stats, headShare)));
  return isTail;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * The step after the blend: the ranker (Y = X·W₁ + H·C) reorders the pool when one is served, the
 * category cap keeps one leaf category from filling the page, and the tail-exposure control makes at
 * least ⌈tailShare·k⌉ of the page tail items (the best-ranked ones) when the pool has them. With a
 * tail share, tail items are marked `discover` (their reason says so). Ranked items carry σ(Y) as score.
 */
export function shapeList(input: ShapeListInput): Candidate[] {
  const { pool, first, stats, ranker, options } = input;
  const share = input.tailShare ?? options.tailShare;
  const isTail = stats ? tailOf(stats, options.headShare) : () => false;
  let ranked: Candidate[] = [...pool];
  let rows: Float32Array | null = null;
  const historyIds = Int32Array.from(input.history, (h) => h.productId);
  if (ranker && stats && pool.length > 0) {
    rows = rankingFeatures(pool, { history: input.history, lookup: input.lookup, signals: itemSignals(stats), isTail });
    const scores = ranker.scores(rows, Int32Array.from(pool, (c) => c.productId), historyIds);
    const order = pool.map((_, i) => i).sort((a, b) => descending(scores[a], scores[b]) || a - b);
    ranked = order.map((i) => ({ ...pool[i], score: sigmoid(scores[i]) }));
  }
  const list = reshape(ranked, first, share, isTail, options, input.lookup);
  if (ranker && rows && input.shopper !== undefined) {
    const rowOf = new Map(pool.map((c, i) => [c.productId, i]));
    for (const c of list) {
      const i = rowOf.get(c.productId);
      if (i !== undefined) ranker.remember(input.shopper, c.productId, rows.subarray(i * FEATURE_COUNT, (i + 1) * FEATURE_COUNT), historyIds);
    }
  }
  return list;
}

function reshape(
  ranked: Candidate[],
  first: number,
  share: number,
  isTail: (id: number) => boolean,
  options: ListShapingOptions,
  lookup: (id: number) => Product | undefined,
): Candidate[] {
  const leaf = (c: Candidate) => {
    const categories = lookup(c.productId)?.categories;
    return categories && categories.length > 0 ? categories[categories.length - 1] : undefined;
  };
  const capped = capPerGroup(ranked, first, options.maxPerCategory, leaf);
  if (share <= 0) return capped;
  // Tail items that keep within the category cap are promoted first.
  const counts = new Map<string, number>();
  for (const c of capped) { const g = leaf(c); if (g !== undefined) counts.set(g, (counts.get(g) ?? 0) + 1); }
  const fits = (c: Candidate) => options.maxPerCategory <= 0 || (counts.get(leaf(c) ?? '') ?? 0) < options.maxPerCategory;
  const preferred = [...ranked.filter(fits), ...ranked.filter((c) => !fits(c))];
  const tail = (c: Candidate) => isTail(c.productId);
  return ensureTailShare(capped, preferred, share, tail, (c) => c.productId).map((c) => (tail(c) ? { ...c, discover: true } : c));
}
