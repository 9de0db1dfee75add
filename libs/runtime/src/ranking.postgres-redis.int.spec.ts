import { createPostgresRedisTestEnv } from './postgres-redis-test-env';
import { describeRanking } from './ranking.contract';

describeRanking('PostgreSQL + Redis + BullMQ workers', async () => {
  const env = await createPostgresRedisTestEnv();
  return { config: env.config, teardown: env.teardown };
});
