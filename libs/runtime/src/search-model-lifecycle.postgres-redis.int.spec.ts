import { createPostgresRedisTestEnv } from './postgres-redis-test-env';
import { describeSearchModelLifecycle } from './search-model-lifecycle.contract';

// Two gateway runtimes on one database and Redis: the first also runs the BullMQ workers; the HTTP
// gateway is the second, so the ITEM_ENCODER promotion it serves has travelled over Redis pub/sub.
describeSearchModelLifecycle('PostgreSQL + Redis, two gateways', async () => {
  const env = await createPostgresRedisTestEnv();
  return { config: env.config, gateways: 2, teardown: env.teardown };
});
