import { describeGatewayEndToEnd } from './gateway.e2e.contract';
import { createPostgresRedisTestEnv } from './postgres-redis-test-env';

describeGatewayEndToEnd('PostgreSQL + Redis + BullMQ workers', async () => {
  const env = await createPostgresRedisTestEnv();
  return { config: env.config, teardown: env.teardown };
});
