import type { RedisConfig } from '@magpie/config';
import { QUEUE_LONGTAIL, QUEUE_TRAINING, type QueueName } from '@magpie/contracts';
import { startWorker } from '@magpie/queue';
import { longtailJobs, trainingJobs, type JobDeps } from './registry';

const REGISTRY_OF: Record<QueueName, (deps: JobDeps) => ReturnType<typeof trainingJobs>> = {
  [QUEUE_TRAINING]: trainingJobs,
  [QUEUE_LONGTAIL]: longtailJobs,
};

/** Starts BullMQ workers for the given queues; `close` stops them all (waiting for running jobs). */
export function startJobWorkers(options: { redis: RedisConfig; deps: JobDeps; queues: readonly QueueName[]; concurrency?: number }) {
  const handles = options.queues.map((queue) =>
    startWorker({ redis: options.redis, queue, registry: REGISTRY_OF[queue](options.deps), concurrency: options.concurrency }),
  );
  return { close: async () => void (await Promise.all(handles.map((h) => h.close()))) };
}
