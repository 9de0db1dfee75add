import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '@magpie/config';
import { describeHistoryStoreContract } from './history-store.contract';
import { RedisHistoryStore } from './redis-history-store';

const redisUrl = loadConfig(process.env).redis.url ?? 'redis://127.0.0.1:6379';
let redis: Redis;

beforeAll(() => {
  redis = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await redis.quit();
});

async function deleteKeys(prefix: string): Promise<number> {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  return keys.length;
}

describeHistoryStoreContract('Redis', async (historyLength) => {
  const prefix = `magpie-test-${randomBytes(6).toString('hex')}`;
  return {
    store: new RedisHistoryStore({ redis, prefix, historyLength, ttlSeconds: 60 }),
    cleanup: async () => {
      await deleteKeys(prefix);
    },
  };
});

describe('RedisHistoryStore', () => {
  const prefix = `magpie-test-${randomBytes(6).toString('hex')}`;
  afterAll(() => deleteKeys(prefix));

  it('keeps every key under its prefix, with the TTL renewed on append', async () => {
    const store = new RedisHistoryStore({ redis, prefix, historyLength: 10, ttlSeconds: 30 });
    await store.get(42, async () => ({ recent: [{ productId: 1, type: 'purchase', ts: 1 }], purchased: [1], disliked: [] }));
    const keys = (await redis.keys(`${prefix}:*`)).sort();
    expect(keys).toEqual(store.keys(42).filter((k) => !k.endsWith(':disliked')).sort());
    await redis.expire(store.keys(42)[3], 5);
    await store.append(42, [{ productId: 2, type: 'dislike', ts: 2 }]);
    for (const key of store.keys(42)) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(25);
      expect(ttl).toBeLessThanOrEqual(30);
    }
    await store.forget(42);
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
  });

  it('does not overwrite a state another process cached while this one was loading', async () => {
    const a = new RedisHistoryStore({ redis, prefix, historyLength: 10 });
    const b = new RedisHistoryStore({ redis, prefix, historyLength: 10 });
    const empty = async () => ({ recent: [], purchased: [], disliked: [] });
    await b.get(7, async () => {
      // meanwhile another gateway caches the shopper and records a fresh event
      await a.get(7, empty);
      await a.append(7, [{ productId: 3, type: 'view', ts: 3 }]);
      return empty();
    });
    let reloaded = 0;
    const state = await b.get(7, async () => {
      reloaded++;
      return empty();
    });
    expect(reloaded).toBe(0);
    expect(state.recent).toEqual([{ productId: 3, type: 'view', ts: 3 }]);
  });
});
