import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { loadConfig } from '@magpie/config';
import { describeFeedbackCountersContract } from './feedback-counters.contract';
import { RedisFeedbackCounters } from './redis-feedback-counters';

const redisUrl = loadConfig(process.env).redis.url ?? 'redis://127.0.0.1:6379';
let redis: Redis;
let second: Redis;

beforeAll(() => {
  redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  second = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await redis.quit();
  await second.quit();
});

const deleteKeys = async (prefix: string) => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
};

describeFeedbackCountersContract('Redis', async () => {
  const prefix = `magpie-test-${randomBytes(6).toString('hex')}`;
  return {
    counters: new RedisFeedbackCounters({ redis, prefix }),
    other: new RedisFeedbackCounters({ redis: second, prefix }),
    cleanup: () => deleteKeys(prefix),
  };
});

describe('RedisFeedbackCounters', () => {
  it('keeps its two hashes under the prefix', async () => {
    const prefix = `magpie-test-${randomBytes(6).toString('hex')}`;
    const counters = new RedisFeedbackCounters({ redis, prefix });
    try {
      await counters.add([{ source: 'popular', modelVersion: 'STATS:1', impressions: 4, clicks: 1 }]);
      expect((await redis.keys(`${prefix}:*`)).sort()).toEqual(counters.keys().sort());
      expect(await redis.hget(counters.keys()[0], 'popular|STATS:1')).toBe('4');
    } finally {
      await deleteKeys(prefix);
    }
  });
});
