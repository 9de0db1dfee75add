import type { TrainingEvent } from '@magpie/data';
import type { ItemVocabulary } from '@magpie/recommendation';
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

/** What the sequence-conditioned CFGAN trains on, read from the events through a sequence model's vocabulary. */
export interface SequenceTraining {
  /** Every shopper with at least one product event, ascending internal id (the shards cover them all). */
  userIds: number[];
  /** Per shopper with two or more items in the vocabulary: their history without its last item (model indices 1..N, at most `maxLen`). */
  conditions: Int32Array[];
  /** Per such shopper, the item to generate: their last one, as a generator index (model index − 1). */
  targets: Int32Array[];
}

/**
 * Reads user-ordered event pages into (condition, next item) pairs: each shopper's history as the
 * sequence model reads it (`vocabulary.encode`, the same preprocessing as its training and serving),
 * split before its last item.
 */
export async function buildSequenceTraining(pages: AsyncIterable<TrainingEvent[]>, vocabulary: ItemVocabulary, maxLen: number): Promise<SequenceTraining> {
  const userIds: number[] = [];
  const conditions: Int32Array[] = [];
  const targets: Int32Array[] = [];
  for await (const events of groupByUser(pages)) {
    userIds.push(events[0].userId);
    const { indices } = vocabulary.encode(events, maxLen + 1);
    if (indices.length < 2) continue;
    conditions.push(indices.subarray(0, indices.length - 1));
    targets.push(Int32Array.of(indices[indices.length - 1] - 1));
  }
  return { userIds, conditions, targets };
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
