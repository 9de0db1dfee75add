import { FlowProducer, Queue, type Job, type JobsOptions } from 'bullmq';
import type { RedisConfig } from '@magpie/config';
import { ErrorCode, MagpieError, notFound, QUEUES, type JobStatus, type QueueName } from '@magpie/contracts';
import { toJobState, toJobStatus } from './bull-job';
import { checkEnqueue, type EnqueueRequest } from './enqueue-request';
import { JobWaitTimeoutError } from './errors';
import { formatJobId, parseJobId } from './job-id';
import { JOB_DEFAULTS, type EnqueueOptions, type FlowRequest, type FlowStatus, type JobCounts, type JobQueue } from './job-queue';
import { emptyCounts } from './job-status';
import type { ProcessorRegistry } from './processor';
import { bullConnection, requireRedisUrl } from './redis';

/** Options of `BullJobQueue`, with their defaults. */
export interface BullJobQueueOptions {
  /** `url` is required; `prefix` namespaces every key (BullMQ's `prefix`). */
  redis: RedisConfig;
  /** When given, enqueue checks job names and payloads against it (the processors run in workers). */
  registry?: ProcessorRegistry;
  /** Base of the exponential backoff between attempts (default 1000 ms). */
  backoffMs?: number;
  /** Longest pause between two polls of `waitFor` (default 200 ms). */
  pollIntervalMs?: number;
  /** Connection errors of the underlying queues (default: logged to stderr). */
  onError?: (err: Error) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `JobQueue` on BullMQ: one BullMQ queue per `QueueName` under `redis.prefix`, created on first use.
 * Jobs run in workers started with `startWorker`. Default job options: 3 attempts, exponential backoff
 * from 1 s, completed jobs kept 7 days (at most 1000), failed jobs 30 days.
 */
export class BullJobQueue implements JobQueue {
  private readonly queues = new Map<QueueName, Queue>();
  private flows: FlowProducer | null = null;
  private readonly url: string;
  private closed = false;

  constructor(private readonly options: BullJobQueueOptions) {
    this.url = requireRedisUrl(options.redis.url, 'BullJobQueue');
  }

  async enqueue(queue: QueueName, name: string, payload: unknown, options?: EnqueueOptions): Promise<JobStatus> {
    this.assertOpen();
    const request = checkEnqueue(this.options.registry, queue, name, payload, options);
    const job = await this.queue(request.queue).add(request.name, request.payload, {
      jobId: request.jobId,
      attempts: request.attempts,
      delay: request.delayMs > 0 ? request.delayMs : undefined,
    });
    const id = formatJobId(request.queue, job.id ?? '');
    return (await this.get(id)) ?? toJobStatus(request.queue, job, request.delayMs > 0 ? 'delayed' : 'waiting');
  }

  /**
   * A BullMQ flow (FlowProducer): the parent waits in `waiting-children` until every child completed.
   * Children carry `failParentOnFailure`, so one failing for good fails the parent. FlowProducer does not
   * apply a queue's default job options, so every job gets them here.
   */
  async addFlow(flow: FlowRequest): Promise<FlowStatus> {
    this.assertOpen();
    const registry = this.options.registry;
    const parent = checkEnqueue(registry, flow.queue, flow.parent.name, flow.parent.payload, flow.parent.options);
    const children = flow.children.map((c) => checkEnqueue(registry, flow.queue, c.name, c.payload, c.options));
    if (parent.jobId !== undefined) {
      const existing = await this.get(formatJobId(flow.queue, parent.jobId));
      if (existing) return { parent: existing, children: [] };
    }
    const node = await this.flowProducer().add({
      name: parent.name,
      queueName: flow.queue,
      data: parent.payload,
      opts: this.jobOptions(parent),
      children: children.map((c) => ({ name: c.name, queueName: flow.queue, data: c.payload, opts: { ...this.jobOptions(c), failParentOnFailure: true } })),
    });
    const status = async (job: Job) => (await this.get(formatJobId(flow.queue, job.id ?? ''))) ?? toJobStatus(flow.queue, job, 'waiting');
    return { parent: await status(node.job), children: await Promise.all((node.children ?? []).map((c) => status(c.job))) };
  }

  async get(id: string): Promise<JobStatus | null> {
    this.assertOpen();
    const parsed = parseJobId(id);
    if (!parsed) return null;
    const queue = this.queue(parsed.queue);
    // State first, then the job hash: a job finishing in between must not show as completed without
    // its result (moving to completed/failed writes the hash and the state in one script).
    let state: string = await queue.getJobState(parsed.localId);
    const job = await queue.getJob(parsed.localId);
    if (!job) return null;
    if (job.finishedOn && state !== 'completed' && state !== 'failed') state = await job.getState();
    return toJobStatus(parsed.queue, job, state);
  }

  async counts(): Promise<JobCounts> {
    this.assertOpen();
    const counts = emptyCounts();
    await Promise.all(
      QUEUES.map(async (queue) => {
        const raw = await this.queue(queue).getJobCounts();
        for (const [bullState, n] of Object.entries(raw)) {
          const state = toJobState(bullState);
          if (state !== 'unknown') counts[queue][state] = (counts[queue][state] ?? 0) + n;
        }
      }),
    );
    return counts;
  }

  /** Polls `get` (20 ms at first, backing off to `pollIntervalMs`) until the job has finished. */
  async waitFor(id: string, timeoutMs: number): Promise<JobStatus> {
    const deadline = Date.now() + timeoutMs;
    const maxPause = this.options.pollIntervalMs ?? 200;
    for (let pause = 20; ; pause = Math.min(pause * 2, maxPause)) {
      const status = await this.get(id);
      if (!status) throw notFound(`job ${id} not found`);
      if (status.state === 'completed' || status.state === 'failed') return status;
      const left = deadline - Date.now();
      if (left <= 0) throw new JobWaitTimeoutError(id, timeoutMs);
      await sleep(Math.min(pause, left));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
    await this.flows?.close();
    this.flows = null;
  }

  /** The options `queue()` gives every job by default, for jobs added through the FlowProducer. */
  private jobOptions(request: EnqueueRequest): JobsOptions {
    return {
      jobId: request.jobId,
      attempts: request.attempts,
      backoff: { type: 'exponential', delay: this.options.backoffMs ?? JOB_DEFAULTS.backoffMs },
      removeOnComplete: { ...JOB_DEFAULTS.keepCompleted },
      removeOnFail: { ...JOB_DEFAULTS.keepFailed },
    };
  }

  private flowProducer(): FlowProducer {
    if (!this.flows) {
      this.flows = new FlowProducer({ connection: bullConnection(this.url, false), prefix: this.options.redis.prefix });
      this.flows.on('error', this.options.onError ?? ((err) => console.error('[flow producer]', err)));
    }
    return this.flows;
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      const backoffMs = this.options.backoffMs ?? JOB_DEFAULTS.backoffMs;
      queue = new Queue(name, {
        connection: bullConnection(this.url, false),
        prefix: this.options.redis.prefix,
        defaultJobOptions: {
          attempts: JOB_DEFAULTS.attempts,
          backoff: { type: 'exponential', delay: backoffMs },
          removeOnComplete: { ...JOB_DEFAULTS.keepCompleted },
          removeOnFail: { ...JOB_DEFAULTS.keepFailed },
        },
      });
      queue.on('error', this.options.onError ?? ((err) => console.error(`[queue ${name}]`, err)));
      this.queues.set(name, queue);
    }
    return queue;
  }

  private assertOpen(): void {
    if (this.closed) throw new MagpieError(ErrorCode.UNAVAILABLE, 'the job queue is closed');
  }
}
