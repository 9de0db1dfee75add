import type { StoredProductEvent } from '@magpie/data';
import type { FeedbackOutcome, ServedRanker } from '@magpie/recommendation';

/** What one batch of events did to the served ranker. */
export type RankerFeedbackCounts = Record<FeedbackOutcome, number>;

/**
 * The served ranker's online learning: each recorded impression (label 0) or click (label 1) of an
 * item this gateway ranked for that shopper is one SGD step on the features it was ranked with.
 * Other event types, and items shown before a ranker was served or by another gateway, are left out.
 */
export class RankerFeedback {
  constructor(private readonly ranker: () => ServedRanker | null) {}

  record(stored: readonly StoredProductEvent[]): RankerFeedbackCounts {
    const counts: RankerFeedbackCounts = { learned: 0, 'not-shown': 0 };
    const ranker = this.ranker();
    if (!ranker) return counts;
    for (const { userId, entry } of stored) {
      if (entry.type !== 'click' && entry.type !== 'impression') continue;
      counts[ranker.learn(userId, entry.productId, entry.type === 'click' ? 1 : 0)]++;
    }
    return counts;
  }
}
