import { randomBytes } from 'node:crypto';
import { loadConfig, type Env, type RedisConfig } from '@magpie/config';
import { createRedis } from '../redis';

/** Redis settings for one integration test: the configured (or local) server and a fresh key prefix. */
export function testRedisConfig(env: Env): RedisConfig & { url: string } {
  const url = loadConfig(env).redis.url ?? 'redis://127.0.0.1:6379';
  return { url, prefix: `magpie-test-${randomBytes(6).toString('hex')}` };
}

/** Deletes every key under `prefix` (what a test left behind). */
export async function deleteRedisKeys({ url, prefix }: RedisConfig & { url: string }): Promise<number> {
  const redis = createRedis(url);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return deleted;
}

/** Keys under `prefix` right now. */
export async function countRedisKeys({ url, prefix }: RedisConfig & { url: string }): Promise<number> {
  const redis = createRedis(url);
  try {
    let cursor = '0';
    let count = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      count += keys.length;
    } while (cursor !== '0');
    return count;
  } finally {
    await redis.quit();
  }
}
