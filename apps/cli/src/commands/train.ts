import { createLogger, type MagpieConfig } from '@magpie/config';
import { MODEL_KINDS, RETRAIN_ROUTES, type ModelKind } from '@magpie/contracts';
import { createStore } from '@magpie/data';
import { allJobs, ThreadSequenceTrainer } from '@magpie/jobs';
import { createJobQueue, createModelEvents } from '@magpie/queue';
import { progressBar } from '../progress';

export const TRAIN_HELP = `magpie train [--kind STATS|LONGTAIL|SEQUENCE|ITEM_ENCODER|RANKER] [--timeout SECONDS]
  Enqueues a training job and follows its progress (SEQUENCE: a SASRec model trained in a worker
  thread, epoch by epoch; it becomes active only when it beats the active one on validation NDCG@10;
  ITEM_ENCODER: the content encoder and search fusion from the catalogue and shoppers' search events;
  RANKER: the ranker of the blended candidates, active only when it beats the blended order on held-out NDCG@10). Without REDIS_URL the job runs inline in this
  process; with REDIS_URL a worker (npm run worker:training / worker:longtail, or magpie serve) runs it.`;

export async function runTrain(config: MagpieConfig, args: { kind?: string; timeout?: string }): Promise<void> {
  const kind = (args.kind ?? 'STATS').toUpperCase() as ModelKind;
  const route = RETRAIN_ROUTES[kind];
  if (!MODEL_KINDS.includes(kind) || !route) throw new Error(`--kind must be one of ${Object.keys(RETRAIN_ROUTES).join(', ')}`);
  const log = createLogger('train', config.logLevel);
  const store = await createStore(config.database);
  const modelEvents = createModelEvents(config.redis);
  const sequenceTrainer = new ThreadSequenceTrainer({ backend: config.ml.backend, threads: config.ml.trainingThreads });
  const queue = createJobQueue({ redis: config.redis, registry: allJobs({ store, modelEvents, sequenceTrainer, computeBackend: config.ml.backend }) });
  try {
    const job = await queue.enqueue(route.queue, route.job, {});
    log.info('enqueued', { job: job.id, kind });
    const bar = progressBar(kind.toLowerCase());
    const poll = setInterval(() => {
      queue.get(job.id).then((s) => s && bar.update(Math.round(s.progress.fraction * 100), 100, s.progress.message ?? s.state), () => undefined);
    }, 250);
    const done = await queue.waitFor(job.id, Number(args.timeout ?? 3600) * 1000).finally(() => clearInterval(poll));
    bar.update(100, 100, done.state);
    bar.stop();
    if (done.state !== 'completed') throw new Error(`job ${job.id} ${done.state}: ${done.failedReason ?? 'no reason given'}`);
    process.stdout.write(`${kind} job ${job.id} completed: ${JSON.stringify(done.result)}\n`);
  } finally {
    await sequenceTrainer.close();
    await queue.close();
    await modelEvents.close();
    await store.close();
  }
}
