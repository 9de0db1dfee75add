import { Redis, type RedisOptions } from 'ioredis';

/**
 * An ioredis client for `url`, with `maxRetriesPerRequest: null` (commands wait for a reconnect instead
 * of failing after 20 retries), which BullMQ workers and pub/sub subscribers need. `options` win.
 */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, ...options });
}

/** Connection options BullMQ builds (and later closes) its own clients from. */
export const bullConnection = (url: string, blocking: boolean) =>
  blocking ? { url, maxRetriesPerRequest: null } : { url };

/** Requires a Redis URL where the Redis-backed implementation was chosen explicitly. */
export function requireRedisUrl(url: string | undefined, who: string): string {
  if (!url) throw new Error(`${who} needs redis.url (without Redis use the inline/in-memory implementation)`);
  return url;
}
