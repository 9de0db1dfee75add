import type { EventInput, HistoryEntry, RecordEventsResult } from '@magpie/contracts';
import type { EventRepository, HistoryStore } from '@magpie/data';
import type { FeedbackService } from './feedback-service';
import type { RankerFeedback } from './ranker-feedback';

/**
 * Stores events durably first, then feeds the shoppers' real-time state, the feedback counters and the
 * served ranker's online learning (impressions and clicks of items it ranked).
 */
export class EventsService {
  constructor(
    private readonly events: Pick<EventRepository, 'append'>,
    private readonly history: Pick<HistoryStore, 'append'>,
    private readonly feedback?: Pick<FeedbackService, 'record'>,
    private readonly ranker?: Pick<RankerFeedback, 'record'>,
  ) {}

  async record(inputs: EventInput[]): Promise<RecordEventsResult> {
    const result = await this.events.append(inputs);
    this.ranker?.record(result.stored);
    const byUser = new Map<number, HistoryEntry[]>();
    for (const { userId, entry } of result.stored) {
      const list = byUser.get(userId) ?? [];
      list.push(entry);
      byUser.set(userId, list);
    }
    await Promise.all([
      ...[...byUser].map(([userId, entries]) => this.history.append(userId, entries)),
      this.feedback?.record(result.stored),
    ]);
    return { accepted: result.accepted, duplicates: result.duplicates };
  }
}
