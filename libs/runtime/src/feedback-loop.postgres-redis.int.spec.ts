import { describeFeedbackLoop } from './feedback-loop.contract';
import { createPostgresRedisTestEnv } from './postgres-redis-test-env';

describeFeedbackLoop('PostgreSQL + Redis counters', async () => {
  const env = await createPostgresRedisTestEnv();
  return { config: env.config, teardown: env.teardown };
});
