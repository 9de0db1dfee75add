import type { FeedbackCount, FeedbackCounters } from '../ports';
import { byPair, pairKey } from './feedback-count';

/** Feedback counters in this process (embedded mode): gone when it stops. */
export class MemoryFeedbackCounters implements FeedbackCounters {
  private readonly counts = new Map<string, FeedbackCount>();

  async add(increments: readonly FeedbackCount[]): Promise<void> {
    for (const { source, modelVersion, impressions, clicks } of increments) {
      const key = pairKey(source, modelVersion);
      const count = this.counts.get(key) ?? { source, modelVersion, impressions: 0, clicks: 0 };
      count.impressions += impressions;
      count.clicks += clicks;
      this.counts.set(key, count);
    }
  }

  async all(): Promise<FeedbackCount[]> {
    return [...this.counts.values()].map((c) => ({ ...c })).sort(byPair);
  }

  async close(): Promise<void> {}
}
