import type { EventType } from '@magpie/contracts';
import type { DatasetEvent } from '../bundle';
import { sequenceTimestamp } from '../synthetic-time';

/**
 * Collects ordered per-user item lists into events with synthetic timestamps (see `sequenceTimestamp`).
 * A user seen again later continues their sequence; users are indexed by first appearance.
 */
export interface SequenceCollector {
  add(userId: string, items: readonly string[], type: EventType): void;
  readonly events: DatasetEvent[];
}

export function createSequenceCollector(): SequenceCollector {
  const userIndex = new Map<string, number>();
  const lengths = new Map<string, number>();
  const events: DatasetEvent[] = [];
  return {
    events,
    add(userId, items, type) {
      let index = userIndex.get(userId);
      if (index === undefined) {
        index = userIndex.size;
        userIndex.set(userId, index);
      }
      let position = lengths.get(userId) ?? 0;
      for (const productId of items) events.push({ userId, productId, type, ts: sequenceTimestamp(index, position++) });
      lengths.set(userId, position);
    },
  };
}
