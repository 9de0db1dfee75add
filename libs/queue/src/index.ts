/**
 * @magpie/queue — background jobs and model-change notifications.
 *
 * Jobs: `defineJob` + `createRegistry` bind job names to payload schemas and processors; `createJobQueue`
 * gives a `JobQueue` on BullMQ (`BullJobQueue`, with `startWorker` running the processors) or, without
 * Redis, in-process (`InlineJobQueue`). Model changes: `createModelEvents` (Redis pub/sub or in memory).
 */
export { PermanentJobError, JobWaitTimeoutError, isPermanentJobError } from './errors';
export {
  defineJob,
  createRegistry,
  parsePayload,
  executeJob,
  type JobContext,
  type FlowRunner,
  type Processor,
  type JobDefinition,
  type RegisteredJob,
  type ProcessorRegistry,
} from './processor';
export { JOB_DEFAULTS, backoffDelayMs, type JobQueue, type EnqueueOptions, type JobCounts, type FlowJob, type FlowRequest, type FlowStatus } from './job-queue';
export { formatJobId, parseJobId } from './job-id';
export { InlineJobQueue, type InlineJobQueueOptions } from './inline-job-queue';
export { BullJobQueue, type BullJobQueueOptions } from './bull-job-queue';
export { startWorker, type StartWorkerOptions, type WorkerHandle } from './bull-worker';
export { createJobQueue, type CreateJobQueueOptions } from './create-job-queue';
export { BullJobSchedules, InlineJobSchedules, createJobSchedules, type JobSchedule, type JobSchedules } from './job-schedules';
export { ModelChangeSchema, type ModelChange, type ModelEvents } from './model-events';
export { MemoryModelEvents } from './memory-model-events';
export { RedisModelEvents, modelEventsChannel } from './redis-model-events';
export { createModelEvents } from './create-model-events';
export { createRedis } from './redis';
export { testRedisConfig, deleteRedisKeys, countRedisKeys } from './testing/redis-test-config';
