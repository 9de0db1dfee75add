import type { EventInput, HistoryEntry, RecordEventsResult } from '@magpie/contracts';
import type { EventRepository, HistoryStore } from '@magpie/data';

/** Stores events durably first, then feeds the shoppers' real-time state. */
export class EventsService {
  constructor(
    private readonly events: Pick<EventRepository, 'append'>,
    private readonly history: Pick<HistoryStore, 'append'>,
  ) {}

  async record(inputs: EventInput[]): Promise<RecordEventsResult> {
    const result = await this.events.append(inputs);
    const byUser = new Map<number, HistoryEntry[]>();
    for (const { userId, entry } of result.stored) {
      const list = byUser.get(userId) ?? [];
      list.push(entry);
      byUser.set(userId, list);
    }
    await Promise.all([...byUser].map(([userId, entries]) => this.history.append(userId, entries)));
    return { accepted: result.accepted, duplicates: result.duplicates };
  }
}
