import type { Redis } from 'ioredis';
import { EVENT_TYPES, type EventType, type HistoryEntry } from '@magpie/contracts';
import type { HistoryStore, ShopperState } from '../ports';
import { boundedCopy, type HistoryStoreLimits, isInterest } from './history-entry';
import { APPEND_SCRIPT, runScript, STORE_SCRIPT } from './redis-scripts';

export interface RedisHistoryStoreOptions extends HistoryStoreLimits {
  /** An ioredis connection owned by the caller (`close()` leaves it open). */
  redis: Redis;
  /** Key prefix, e.g. `magpie`; keys are `<prefix>:history:{<userId>}:<part>`. */
  prefix: string;
  /** Idle shoppers expire after this long; every append renews it. Default 1 day. */
  ttlSeconds?: number;
}

const EVENT_TYPE_SET: ReadonlySet<string> = new Set(EVENT_TYPES);

/** `productId|type|ts`: compact and unambiguous (types have no `|`). */
const encode = (e: HistoryEntry) => `${e.productId}|${e.type}|${e.ts}`;

function decode(text: string): HistoryEntry | null {
  const [productId, type, ts] = text.split('|');
  if (!EVENT_TYPE_SET.has(type)) return null;
  return { productId: Number(productId), type: type as EventType, ts: Number(ts) };
}

/**
 * Per-shopper real-time state in Redis (a list of recent events, sets of purchased and disliked
 * products, and a marker that the state is complete). `append` changes only cached shoppers, in
 * one Lua script guarded by the marker, so a cold shopper is always rebuilt whole from the database.
 * The user id is a hash tag: all keys of a shopper live in one Redis Cluster slot.
 */
export class RedisHistoryStore implements HistoryStore {
  private readonly ttlSeconds: number;

  constructor(private readonly options: RedisHistoryStoreOptions) {
    if (options.historyLength < 1) throw new RangeError('historyLength must be >= 1');
    this.ttlSeconds = options.ttlSeconds ?? 86_400;
  }

  /** The keys of one shopper: recent, purchased, disliked, marker. */
  keys(userId: number): [string, string, string, string] {
    const base = `${this.options.prefix}:history:{${userId}}`;
    return [`${base}:recent`, `${base}:purchased`, `${base}:disliked`, `${base}:cached`];
  }

  async get(userId: number, load: () => Promise<ShopperState>): Promise<ShopperState> {
    const keys = this.keys(userId);
    const replies = await this.options.redis
      .multi()
      .exists(keys[3])
      .lrange(keys[0], 0, -1)
      .smembers(keys[1])
      .smembers(keys[2])
      .exec();
    if (!replies) throw new Error('Redis transaction aborted');
    const failed = replies.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
    const [[, exists], [, recent], [, purchased], [, disliked]] = replies as [unknown, unknown][];
    if (exists === 1) {
      return {
        recent: (recent as string[]).flatMap((text) => decode(text) ?? []),
        purchased: (purchased as string[]).map(Number),
        disliked: (disliked as string[]).map(Number),
      };
    }
    const state = boundedCopy(await load(), this.options.historyLength);
    const recentInterest = state.recent.filter(isInterest);
    await runScript(this.options.redis, STORE_SCRIPT, keys, [
      this.ttlSeconds,
      this.options.historyLength,
      recentInterest.length,
      ...recentInterest.map(encode),
      state.purchased.length,
      ...state.purchased,
      ...state.disliked,
    ]);
    return state;
  }

  async append(userId: number, entries: HistoryEntry[]): Promise<void> {
    const interest = entries.filter(isInterest);
    if (interest.length === 0) return;
    await runScript(this.options.redis, APPEND_SCRIPT, this.keys(userId), [
      this.ttlSeconds,
      this.options.historyLength,
      ...interest.flatMap((e) => [encode(e), e.type, e.productId]),
    ]);
  }

  async forget(userId: number): Promise<void> {
    await this.options.redis.del(...this.keys(userId));
  }

  /** The Redis connection belongs to the caller: nothing to release here. */
  async close(): Promise<void> {}
}
