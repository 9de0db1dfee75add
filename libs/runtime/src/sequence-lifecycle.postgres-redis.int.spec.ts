import { createPostgresRedisTestEnv } from './postgres-redis-test-env';
import { describeSequenceLifecycle } from './sequence-lifecycle.contract';

// Two gateway runtimes on one database and Redis: the first also runs the BullMQ workers; the
// HTTP gateway is the second, so every promotion it serves has travelled over Redis pub/sub.
describeSequenceLifecycle('PostgreSQL + Redis, two gateways', async () => {
  const env = await createPostgresRedisTestEnv();
  return { config: env.config, gateways: 2, teardown: env.teardown };
});
