import type { RedisConfig } from '@magpie/config';
import { BullJobQueue } from './bull-job-queue';
import { InlineJobQueue } from './inline-job-queue';
import type { JobQueue } from './job-queue';
import type { ProcessorRegistry } from './processor';

/** Options of `createJobQueue`. */
export interface CreateJobQueueOptions {
  redis: RedisConfig;
  /** Required without Redis (the inline queue runs these processors); with Redis only used for validation. */
  registry?: ProcessorRegistry;
  /** Base of the exponential backoff between attempts (default 1000 ms). */
  backoffMs?: number;
}

/** `BullJobQueue` when `redis.url` is set, otherwise `InlineJobQueue` (embedded mode). */
export function createJobQueue({ redis, registry, backoffMs }: CreateJobQueueOptions): JobQueue {
  if (redis.url) return new BullJobQueue({ redis, registry, backoffMs });
  if (!registry) throw new Error('createJobQueue: without redis.url jobs run inline, which needs a registry');
  return new InlineJobQueue({ registry, backoffMs });
}
