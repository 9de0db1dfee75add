import { EVENT_WEIGHT, type HistoryEntry } from '@magpie/contracts';
import type { StatsModel } from '../stats/stats-model';
import type { Candidate } from './candidate';
import { ProductSlots } from './product-slots';

/** Reused by every call (the function is synchronous, one pass at a time). */
const slots = new ProductSlots();

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
  // Per product (parallel arrays by slot): summed score, best single contribution, the anchor behind it.
  slots.begin();
  const ids: number[] = [];
  const totals: number[] = [];
  const bests: number[] = [];
  const anchors: number[] = [];
  for (const [anchorId, weight] of anchorWeights) {
    const row = stats.neighbours.get(anchorId);
    if (!row) continue;
    for (let i = 0; i < row.ids.length; i++) {
      const id = row.ids[i];
      const contribution = weight * row.scores[i];
      const slot = slots.get(id);
      if (slot < 0) {
        slots.set(id, ids.length);
        ids.push(id);
        totals.push(contribution);
        bests.push(contribution);
        anchors.push(anchorId);
      } else {
        totals[slot] += contribution;
        if (contribution > bests[slot]) {
          bests[slot] = contribution;
          anchors[slot] = anchorId;
        }
      }
    }
  }
  const out: Candidate[] = [];
  const keep = bestSlots(ids, totals, options.limit ?? ids.length);
  for (let slot = 0; slot < ids.length; slot++) {
    if (keep(slot)) out.push({ productId: ids[slot], score: totals[slot], source: 'cooccurrence', anchorId: anchors[slot] });
  }
  return out;
}

/**
 * Which slots are among the `limit` best totals (ties by lower id): a threshold from one native numeric
 * sort of the totals, not a comparator sort of the candidates (the latter was half of this function's time).
 */
function bestSlots(ids: readonly number[], totals: readonly number[], limit: number): (slot: number) => boolean {
  if (ids.length <= limit) return () => true;
  const sorted = Float64Array.from(totals).sort();
  const threshold = sorted[sorted.length - limit];
  let above = 0;
  for (const total of totals) if (total > threshold) above++;
  // Slots at the threshold: the lowest ids fill what is left of the limit.
  const tiedIds = ids.filter((_, slot) => totals[slot] === threshold).sort((a, b) => a - b);
  const tied = new Set(tiedIds.slice(0, limit - above));
  return (slot) => totals[slot] > threshold || (totals[slot] === threshold && tied.has(ids[slot]));
}
