import { createLogger, loadConfig, onShutdown, type Env } from '@magpie/config';
import type { QueueName } from '@magpie/contracts';
import { createStore } from '@magpie/data';
import { createModelEvents } from '@magpie/queue';
import { ThreadSequenceTrainer } from './sequence/thread-sequence-trainer';
import { ThreadCfganTrainer } from './longtail/cfgan-trainer';
import { startJobWorkers } from './workers';

/**
 * The body of a worker process (apps/worker-*): settings from the environment, a store, the
 * queue's workers, and a clean shutdown on SIGINT/SIGTERM (running jobs finish first).
 */
export async function runWorkerProcess(name: string, queue: QueueName, env: Env): Promise<void> {
  const config = loadConfig(env);
  const log = createLogger(name, config.logLevel);
  if (!config.redis.url) throw new Error(`${name} needs REDIS_URL; without Redis, \`magpie serve\`/\`magpie demo\` run jobs inline`);
  const store = await createStore(config.database);
  const modelEvents = createModelEvents(config.redis);
  const sequenceTrainer = new ThreadSequenceTrainer({ backend: config.ml.backend, threads: config.ml.trainingThreads });
  const ganTrainer = new ThreadCfganTrainer({ backend: config.ml.backend });
  const stopping = new AbortController();
  const workers = startJobWorkers({
    redis: config.redis,
    deps: { store, modelEvents, sequenceTrainer, ganTrainer, computeBackend: config.ml.backend, stopping: stopping.signal },
    queues: [queue],
    jobs: config.jobs,
  });
  log.info('consuming queue', { queue, prefix: config.redis.prefix, database: store.driver });
  onShutdown(async () => {
    stopping.abort(); // a long-tail job following its shard flow lets go; a retry resumes it
    await Promise.all([sequenceTrainer.close(), ganTrainer.close()]); // interrupted trainings are retried by another worker
    await workers.close();
    await modelEvents.close();
    await store.close();
  }, log);
}
