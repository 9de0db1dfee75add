import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@magpie/data';
import { createRedis } from '@magpie/queue';
import { describeGatewayEndToEnd } from './gateway.e2e.contract';

const REDIS_URL = 'redis://127.0.0.1:6379';

describeGatewayEndToEnd('PostgreSQL + Redis + BullMQ workers', async () => {
  const database = await createTestDatabase();
  const prefix = `magpie-test-${randomBytes(6).toString('hex')}`;
  return {
    config: { database: { url: database.url, dataDir: ':memory:', schema: 'public', logging: false }, redis: { url: REDIS_URL, prefix } },
    teardown: async () => {
      const redis = createRedis(REDIS_URL);
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
      await database.drop();
    },
  };
});
