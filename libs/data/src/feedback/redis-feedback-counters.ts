import type { Redis } from 'ioredis';
import type { FeedbackCount, FeedbackCounters } from '../ports';
import { byPair, pairKey, parsePairKey } from './feedback-count';

export interface RedisFeedbackCountersOptions {
  /** An ioredis connection owned by the caller (`close()` leaves it open). */
  redis: Redis;
  /** Key prefix, e.g. `magpie`: the counters are two hashes, `<prefix>:feedback:impressions` and `<prefix>:feedback:clicks`. */
  prefix: string;
}

/**
 * Feedback counters in Redis, shared by every gateway: one hash of impressions and one of clicks,
 * field `source|modelVersion`, incremented with HINCRBY in one MULTI per call.
 */
export class RedisFeedbackCounters implements FeedbackCounters {
  constructor(private readonly options: RedisFeedbackCountersOptions) {}

  /** The hashes: impressions, clicks. */
  keys(): [string, string] {
    return [`${this.options.prefix}:feedback:impressions`, `${this.options.prefix}:feedback:clicks`];
  }

  async add(increments: readonly FeedbackCount[]): Promise<void> {
    const [impressionsKey, clicksKey] = this.keys();
    const multi = this.options.redis.multi();
    let commands = 0;
    for (const { source, modelVersion, impressions, clicks } of increments) {
      const field = pairKey(source, modelVersion);
      if (impressions !== 0) {
        multi.hincrby(impressionsKey, field, impressions);
        commands++;
      }
      if (clicks !== 0) {
        multi.hincrby(clicksKey, field, clicks);
        commands++;
      }
    }
    if (commands === 0) return;
    const replies = await multi.exec();
    if (!replies) throw new Error('Redis transaction aborted');
    const failed = replies.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
  }

  async all(): Promise<FeedbackCount[]> {
    const [impressionsKey, clicksKey] = this.keys();
    const [impressions, clicks] = await Promise.all([this.options.redis.hgetall(impressionsKey), this.options.redis.hgetall(clicksKey)]);
    const fields = new Set([...Object.keys(impressions), ...Object.keys(clicks)]);
    return [...fields]
      .map((field) => ({ ...parsePairKey(field), impressions: Number(impressions[field] ?? 0), clicks: Number(clicks[field] ?? 0) }))
      .sort(byPair);
  }

  async close(): Promise<void> {}
}
