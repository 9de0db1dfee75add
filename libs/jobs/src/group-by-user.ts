import type { TrainingEvent } from '@magpie/data';

/**
 * Regroups user-ordered event pages into one array per shopper, also when a shopper's events
 * straddle two pages.
 */
export async function* groupByUser(pages: AsyncIterable<TrainingEvent[]>): AsyncIterable<TrainingEvent[]> {
  let current: TrainingEvent[] = [];
  for await (const page of pages) {
    for (const event of page) {
      if (current.length > 0 && current[0].userId !== event.userId) {
        yield current;
        current = [];
      }
      current.push(event);
    }
  }
  if (current.length > 0) yield current;
}
