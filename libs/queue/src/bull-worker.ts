import { hostname } from 'node:os';
import { UnrecoverableError, Worker } from 'bullmq';
import type { RedisConfig } from '@magpie/config';
import type { QueueName } from '@magpie/contracts';
import { toJobContext } from './bull-job';
import { BullJobQueue } from './bull-job-queue';
import { errorMessage, isPermanentJobError } from './errors';
import { executeJob, type ProcessorRegistry } from './processor';
import { bullConnection, requireRedisUrl } from './redis';

/** Options of `startWorker`, with their defaults. */
export interface StartWorkerOptions {
  /** `url` is required; `prefix` must match the one jobs were enqueued under. */
  redis: RedisConfig;
  queue: QueueName;
  registry: ProcessorRegistry;
  /** Jobs run at once by this worker (default 1). */
  concurrency?: number;
  /** How long a job's lock lasts without renewal before it counts as stalled (default BullMQ's 30 s). */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs (of dead workers) to move back to waiting (default BullMQ's 30 s). */
  stalledIntervalMs?: number;
  /** Backoff base of the flows processors add (default 1000 ms, as `BullJobQueue`). */
  backoffMs?: number;
  /** Stored on every job this worker takes (BullMQ `processedBy`; default "<host>:<pid>"). */
  name?: string;
  /** Worker errors that are not job failures, e.g. lost connections (default: logged to stderr). */
  onError?: (err: Error) => void;
}

/** A running worker; `close()` waits for the jobs it is running, then releases its connections. */
export interface WorkerHandle {
  close(): Promise<void>;
  readonly worker: Worker;
}

/**
 * Starts a BullMQ worker on `queue` that runs the registered processors: each BullMQ job becomes a
 * `JobContext`, its payload is validated against the job's schema (a bad payload or an unknown job
 * name fails at once), an ordinary error retries with backoff and `PermanentJobError` fails at once.
 *
 * The processors run on this process's event loop, which also renews job locks: a CPU-heavy processor
 * (model training) must run in a sandboxed processor or a worker thread instead (a later issue adds that),
 * or its locks expire and the job is taken for stalled.
 */
export function startWorker({
  redis,
  queue,
  registry,
  concurrency = 1,
  lockDurationMs,
  stalledIntervalMs,
  backoffMs,
  name = `${hostname()}:${process.pid}`,
  onError,
}: StartWorkerOptions): WorkerHandle {
  const url = requireRedisUrl(redis.url, 'startWorker');
  // What processors fan out through (JobContext.jobs); opens connections only when first used.
  const jobs = new BullJobQueue({ redis, registry, backoffMs, onError });
  const worker = new Worker(
    queue,
    async (job) => {
      try {
        return await executeJob(registry, toJobContext(queue, job, jobs));
      } catch (err) {
        // A permanent error that crossed a boundary (e.g. lost its prototype) must still stop retries.
        if (isPermanentJobError(err) && !(err instanceof UnrecoverableError)) throw new UnrecoverableError(errorMessage(err));
        throw err;
      }
    },
    {
      connection: bullConnection(url, true),
      prefix: redis.prefix,
      concurrency,
      name,
      ...(lockDurationMs === undefined ? {} : { lockDuration: lockDurationMs }),
      ...(stalledIntervalMs === undefined ? {} : { stalledInterval: stalledIntervalMs }),
    },
  );
  worker.on('error', onError ?? ((err) => console.error(`[worker ${queue}]`, err)));
  return {
    worker,
    close: async () => {
      await worker.close();
      await jobs.close();
    },
  };
}
