import 'reflect-metadata';
import { createLogger, loadConfig, onShutdown } from '@magpie/config';
import { QUEUE_LONGTAIL } from '@magpie/contracts';
import { createStore } from '@magpie/data';
import { startJobWorkers } from '@magpie/jobs';
import { createModelEvents } from '@magpie/queue';

/** worker-longtail: consumes the `longtail` queue (long-tail candidate generation). */
async function main() {
  const config = loadConfig(process.env);
  const log = createLogger('worker-longtail', config.logLevel);
  if (!config.redis.url) throw new Error('worker-longtail needs REDIS_URL; without Redis, `magpie serve`/`magpie demo` run jobs inline');
  const store = await createStore(config.database);
  const modelEvents = createModelEvents(config.redis);
  const workers = startJobWorkers({ redis: config.redis, deps: { store, modelEvents }, queues: [QUEUE_LONGTAIL] });
  log.info('consuming queue', { queue: QUEUE_LONGTAIL, prefix: config.redis.prefix, database: store.driver });
  onShutdown(async () => {
    await workers.close();
    await modelEvents.close();
    await store.close();
  }, log);
}

main().catch((error: unknown) => {
  process.stderr.write(`worker-longtail failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
