import type { StatsModel } from '../stats/stats-model';

export interface DislikePenaltyOptions {
  /** Score cut for a co-occurrence neighbour of a disliked item (0..1); default 0.5 (score halved). */
  neighbour: number;
  /** Score cut for an item in the leaf category of a disliked item (0..1); default 0.25. */
  category: number;
  /** Most recent dislikes that count (older ones are still filtered, just not spread); default 20. */
  recentDislikes: number;
}

export const DISLIKE_PENALTY_DEFAULTS: DislikePenaltyOptions = { neighbour: 0.5, category: 0.25, recentDislikes: 20 };

/**
 * The score multiplier for items like the ones a shopper disliked: 1 − cut, where the cut is the
 * larger of `neighbour` (the item is among a disliked item's co-occurrence neighbours) and `category`
 * (it shares a disliked item's leaf category). Bounded: an item is lowered at most by the larger cut,
 * however many dislikes it resembles, so it is never hidden. Returns null when nothing is disliked.
 */
export function dislikePenalty(
  disliked: readonly number[],
  context: { stats: StatsModel | null; leafCategory: (id: number) => number },
  options: Partial<DislikePenaltyOptions> = {},
): ((productId: number) => number) | null {
  const { neighbour, category, recentDislikes } = { ...DISLIKE_PENALTY_DEFAULTS, ...options };
  if (disliked.length === 0 || recentDislikes <= 0) return null;
  const recent = disliked.slice(-recentDislikes);
  const neighbours = new Set<number>();
  const leaves = new Set<number>();
  for (const id of recent) {
    const row = context.stats?.neighbours.get(id);
    if (row) for (const n of row.ids) neighbours.add(n);
    const leaf = context.leafCategory(id);
    if (leaf >= 0) leaves.add(leaf);
  }
  if (neighbours.size === 0 && leaves.size === 0) return null;
  const neighbourFactor = 1 - clamp01(neighbour);
  const categoryFactor = 1 - clamp01(category);
  return (productId) => {
    let factor = 1;
    if (neighbours.has(productId)) factor = Math.min(factor, neighbourFactor);
    if (leaves.size > 0 && leaves.has(context.leafCategory(productId))) factor = Math.min(factor, categoryFactor);
    return factor;
  };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
