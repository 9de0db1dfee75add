import type { EventType } from '@magpie/contracts';
import type { DatasetBundle } from './bundle';

/** Per-user item sequences with dense indices, the input of sequence models and leave-one-out evaluation. */
export interface SequenceView {
  /** External user ids; `sequences[u]` belongs to `users[u]`. First-seen order. */
  users: string[];
  /** External product ids; item index i is `items[i]`. First-seen order over the (time-sorted) events. */
  items: string[];
  /** Each user's item indices in time order (repeats kept unless `collapseRepeats`). */
  sequences: Int32Array[];
}

export interface SequenceOptions {
  /** Event types that count as interactions. Default: all but 'dislike' and 'impression'. */
  types?: readonly EventType[];
  /** Drop an item that repeats the user's previous item (e.g. view → click → cart of one product). Default false. */
  collapseRepeats?: boolean;
}

const DEFAULT_TYPES: readonly EventType[] = ['view', 'click', 'cart', 'purchase'];

/** Builds the sequence view of a bundle's events (which are sorted by time, so order per user is time order). */
export function toSequences(bundle: Pick<DatasetBundle, 'events'>, options: SequenceOptions = {}): SequenceView {
  const { types = DEFAULT_TYPES, collapseRepeats = false } = options;
  const allowed = new Set(types);
  const userIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const lists: number[][] = [];
  for (const event of bundle.events) {
    if (!allowed.has(event.type)) continue;
    let u = userIndex.get(event.userId);
    if (u === undefined) {
      u = userIndex.size;
      userIndex.set(event.userId, u);
      lists.push([]);
    }
    let i = itemIndex.get(event.productId);
    if (i === undefined) {
      i = itemIndex.size;
      itemIndex.set(event.productId, i);
    }
    const list = lists[u];
    if (collapseRepeats && list.length > 0 && list[list.length - 1] === i) continue;
    list.push(i);
  }
  return { users: [...userIndex.keys()], items: [...itemIndex.keys()], sequences: lists.map((l) => Int32Array.from(l)) };
}
