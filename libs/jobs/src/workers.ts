import type { JobsConfig, RedisConfig } from '@magpie/config';
import { QUEUE_LONGTAIL, QUEUE_TRAINING, type QueueName } from '@magpie/contracts';
import { startWorker } from '@magpie/queue';
import { longtailJobs, trainingJobs, type JobDeps } from './registry';

const REGISTRY_OF: Record<QueueName, (deps: JobDeps) => ReturnType<typeof trainingJobs>> = {
  [QUEUE_TRAINING]: trainingJobs,
  [QUEUE_LONGTAIL]: longtailJobs,
};

/**
 * Starts BullMQ workers for the given queues; `close` stops them all (waiting for running jobs).
 * `jobs` (config) sets lock and stalled-job timing and the longtail queue's concurrency: a
 * `longtail-generate` job waits there for its shard flow, so a worker needs a second slot for shards.
 */
export function startJobWorkers(options: { redis: RedisConfig; deps: JobDeps; queues: readonly QueueName[]; concurrency?: number; jobs?: Partial<JobsConfig> }) {
  const { lockDurationMs, stalledIntervalMs, longtailConcurrency = 2 } = options.jobs ?? {};
  const handles = options.queues.map((queue) =>
    startWorker({
      redis: options.redis,
      queue,
      registry: REGISTRY_OF[queue](options.deps),
      concurrency: options.concurrency ?? (queue === QUEUE_LONGTAIL ? longtailConcurrency : 1),
      lockDurationMs,
      stalledIntervalMs,
    }),
  );
  return { close: async () => void (await Promise.all(handles.map((h) => h.close()))) };
}
