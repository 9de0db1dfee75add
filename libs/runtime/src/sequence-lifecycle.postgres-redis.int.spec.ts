import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@magpie/data';
import { createRedis } from '@magpie/queue';
import { describeSequenceLifecycle } from './sequence-lifecycle.contract';

const REDIS_URL = 'redis://127.0.0.1:6379';

// Two gateway runtimes on one database and Redis: the first also runs the BullMQ workers; the
// HTTP gateway is the second, so every promotion it serves has travelled over Redis pub/sub.
describeSequenceLifecycle('PostgreSQL + Redis, two gateways', async () => {
  const database = await createTestDatabase();
  const prefix = `magpie-test-${randomBytes(6).toString('hex')}`;
  return {
    config: { database: { url: database.url, dataDir: ':memory:', schema: 'public', logging: false }, redis: { url: REDIS_URL, prefix } },
    gateways: 2,
    teardown: async () => {
      const redis = createRedis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await database.drop();
    },
  };
});
