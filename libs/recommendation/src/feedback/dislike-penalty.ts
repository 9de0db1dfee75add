import type { Product } from '@magpie/contracts';
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
  context: { stats: StatsModel | null; product: (id: number) => Product | undefined },
  options: Partial<DislikePenaltyOptions> = {},
): ((productId: number) => number) | null {
  const { neighbour, category, recentDislikes } = { ...DISLIKE_PENALTY_DEFAULTS, ...options };
  if (disliked.length === 0 || recentDislikes <= 0) return null;
  const recent = disliked.slice(-recentDislikes);
  const neighbours = new Set<number>();
  const leaves = new Set<string>();
  for (const id of recent) {
    const row = context.stats?.neighbours.get(id);
    if (row) for (const n of row.ids) neighbours.add(n);
    const categories = context.product(id)?.categories;
    if (categories && categories.length > 0) leaves.add(categories[categories.length - 1]);
  }
  if (neighbours.size === 0 && leaves.size === 0) return null;
  const neighbourFactor = 1 - clamp01(neighbour);
  const categoryFactor = 1 - clamp01(category);
  return (productId) => {
    let factor = 1;
    if (neighbours.has(productId)) factor = Math.min(factor, neighbourFactor);
    if (leaves.size > 0) {
      const categories = context.product(productId)?.categories;
      if (categories && categories.length > 0 && leaves.has(categories[categories.length - 1])) factor = Math.min(factor, categoryFactor);
    }
    return factor;
  };
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
