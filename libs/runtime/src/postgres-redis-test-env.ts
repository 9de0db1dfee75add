import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '@magpie/data';
import { createRedis } from '@magpie/queue';

/** The Redis server tests and benchmarks run against (scripts/services.sh starts it). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A private PostgreSQL database and Redis key prefix for one test file or benchmark run. */
export interface PostgresRedisTestEnv {
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  /** The `database` and `redis` parts of a Magpie config pointing at them. */
  config: { database: { url: string; dataDir: string; schema: string; logging: boolean }; redis: { url: string; prefix: string } };
  /** Deletes every key under the prefix and drops the database. */
  teardown(): Promise<void>;
}

export async function createPostgresRedisTestEnv(): Promise<PostgresRedisTestEnv> {
  const database = await createTestDatabase();
  const prefix = `magpie-test-${randomBytes(6).toString('hex')}`;
  return {
    databaseUrl: database.url,
    redisUrl: TEST_REDIS_URL,
    prefix,
    config: { database: { url: database.url, dataDir: ':memory:', schema: 'public', logging: false }, redis: { url: TEST_REDIS_URL, prefix } },
    teardown: async () => {
      const redis = createRedis(TEST_REDIS_URL);
      try {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length) await redis.del(...keys);
      } finally {
        await redis.quit();
        await database.drop();
      }
    },
  };
}
