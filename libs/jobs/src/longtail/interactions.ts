import type { TrainingEvent } from '@magpie/data';
import { groupByUser } from '../group-by-user';

/** Shoppers' interaction vectors as CFGAN reads them, with the index ↔ product id mapping. */
export interface Interactions {
  /** Every shopper with at least one product event, ascending internal id. */
  userIds: number[];
  /** `itemIds[i]`: the product id of item index i (every product some shopper interacted with, ascending). */
  itemIds: number[];
  /** Per shopper (same order as `userIds`), the item indices of their positive events. */
  histories: Int32Array[];
}

/** A disliked item is not a preference: it never enters a shopper's interaction vector. */
export const isPositive = (e: Pick<TrainingEvent, 'type'>): boolean => e.type !== 'dislike';

/** Reads user-ordered event pages into interaction vectors (see `Interactions`). */
export async function buildInteractions(pages: AsyncIterable<TrainingEvent[]>): Promise<Interactions> {
  const userIds: number[] = [];
  const products: number[][] = [];
  const items = new Set<number>();
  for await (const events of groupByUser(pages)) {
    const positive = [...new Set(events.filter(isPositive).map((e) => e.productId))];
    userIds.push(events[0].userId);
    products.push(positive);
    for (const p of positive) items.add(p);
  }
  const itemIds = [...items].sort((a, b) => a - b);
  const index = new Map(itemIds.map((id, i) => [id, i]));
  return { userIds, itemIds, histories: products.map((ps) => Int32Array.from(ps, (p) => index.get(p)!)) };
}

/** A shard of shoppers: internal user ids in [from, to] and how many shoppers that is. */
export interface UserRange {
  from: number;
  to: number;
  users: number;
}

/**
 * Cuts ascending user ids into at most `shards` contiguous ranges of (nearly) equal shopper counts;
 * every id falls in exactly one range. Fewer shoppers than shards gives one range per shopper.
 */
export function userRanges(userIds: readonly number[], shards: number): UserRange[] {
  const n = Math.min(shards, userIds.length);
  const ranges: UserRange[] = [];
  for (let s = 0; s < n; s++) {
    const start = Math.floor((s * userIds.length) / n);
    const end = Math.floor(((s + 1) * userIds.length) / n);
    ranges.push({ from: userIds[start], to: userIds[end - 1], users: end - start });
  }
  return ranges;
}
