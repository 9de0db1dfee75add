import { EVENT_WEIGHT, type HistoryEntry } from '@magpie/contracts';
import type { StatsModel } from '../stats/stats-model';
import type { Candidate } from './candidate';
import { ProductTally } from './product-tally';

/** Reused by every call (the function is synchronous, one pass at a time): per product, summed score and the anchor of its largest contribution. */
const tally = new ProductTally<number>();

/**
 * Neighbours of the shopper's most recent items. Each history item (anchor) weighs
 * w(type) · decay^(steps back from the newest), decay 0.5 by default, so the last thing viewed counts most:
 *   score(j) = Σ_anchors weight(anchor) · sim(anchor, j)
 * The anchor that contributed most is kept for the reason ("because you viewed X"). In no particular order;
 * with `limit`, only the best `limit` (ties by lower product id): a page of 10 never needs the thousandth
 * neighbour, and every candidate costs a filter check and a blend slot.
 */
export function cooccurrenceCandidates(
  recent: readonly HistoryEntry[],
  stats: StatsModel,
  options: { anchors: number; decay?: number; limit?: number },
): Candidate[] {
  const decay = options.decay ?? 0.5;
  const anchorWeights = new Map<number, number>();
  let step = 0;
  for (let k = recent.length - 1; k >= 0 && anchorWeights.size < options.anchors; k--) {
    const entry = recent[k];
    const w = EVENT_WEIGHT[entry.type];
    if (w <= 0) continue;
    anchorWeights.set(entry.productId, (anchorWeights.get(entry.productId) ?? 0) + w * Math.pow(decay, step++));
  }
  tally.begin();
  for (const [anchorId, weight] of anchorWeights) {
    const row = stats.neighbours.get(anchorId);
    if (row) for (let i = 0; i < row.ids.length; i++) tally.add(row.ids[i], weight * row.scores[i], anchorId);
  }
  const { ids, totals, size } = tally;
  const out: Candidate[] = [];
  const keep = bestSlots(ids, totals, size, options.limit ?? size);
  for (let slot = 0; slot < size; slot++) {
    if (keep(slot)) out.push({ productId: ids[slot], score: totals[slot], source: 'cooccurrence', anchorId: tally.winner(slot) });
  }
  return out;
}

/** Reused by every call: the totals sorted to find the limit's threshold. */
let sorted = new Float64Array(1024);

/**
 * Which slots are among the `limit` best totals (ties by lower id): a threshold from one native numeric
 * sort of the totals, not a comparator sort of the candidates (the latter was half of this function's time).
 */
function bestSlots(ids: Int32Array, totals: Float64Array, size: number, limit: number): (slot: number) => boolean {
  if (size <= limit) return () => true;
  if (sorted.length < size) sorted = new Float64Array(2 * size);
  sorted.set(totals.subarray(0, size));
  const threshold = sorted.subarray(0, size).sort()[size - limit];
  let above = 0;
  const tiedIds: number[] = [];
  for (let slot = 0; slot < size; slot++) {
    if (totals[slot] > threshold) above++;
    else if (totals[slot] === threshold) tiedIds.push(ids[slot]);
  }
  // Slots at the threshold: the lowest ids fill what is left of the limit.
  const tied = new Set(tiedIds.sort((a, b) => a - b).slice(0, limit - above));
  return (slot) => totals[slot] > threshold || (totals[slot] === threshold && tied.has(ids[slot]));
}
