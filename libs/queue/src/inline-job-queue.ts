import { EventEmitter } from 'node:events';
import {
  badInput,
  ErrorCode,
  MagpieError,
  notFound,
  type JobState,
  type JobStatus,
  type QueueName,
} from '@magpie/contracts';
import { checkEnqueue } from './enqueue-request';
import { errorMessage, isPermanentJobError, JobWaitTimeoutError } from './errors';
import { formatJobId, parseJobId } from './job-id';
import { backoffDelayMs, JOB_DEFAULTS, type EnqueueOptions, type JobCounts, type JobQueue } from './job-queue';
import { emptyCounts, shownFailedReason, toProgress } from './job-status';
import { executeJob, type JobContext, type ProcessorRegistry } from './processor';

/** Options of `InlineJobQueue`, with their defaults. */
export interface InlineJobQueueOptions {
  /** The processors it runs; enqueue also checks names and payloads against it. */
  registry: ProcessorRegistry;
  /** Base of the exponential backoff between attempts (default 1000 ms, as in BullMQ mode); tests shorten it. */
  backoffMs?: number;
  /** Jobs kept in memory for `get`/`waitFor`; the oldest finished ones are dropped first (default 1000). */
  historyLimit?: number;
}

/** Log lines kept per job (the oldest go first). */
const LOG_LIMIT = 200;

interface InlineJob {
  id: string;
  queue: QueueName;
  name: string;
  /** Stored as JSON, as Redis would store it, so both modes hand processors the same values. */
  payload: string;
  attempts: number;
  attemptsMade: number;
  state: JobState;
  progress: unknown;
  result: unknown;
  failedReason: string | null;
  createdAt: number;
  finishedAt: number | null;
  logs: string[];
}

const isFinished = (state: JobState) => state === 'completed' || state === 'failed';

/** JSON round trip: what storing a value in Redis and reading it back gives (undefined → null). */
const throughJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * Embedded-mode job queue: runs the registered processors in this process, asynchronously (never inside
 * `enqueue`'s call stack), one job at a time per queue, with BullMQ's retry semantics (attempts,
 * exponential backoff, `PermanentJobError` fails at once). Jobs, progress and results live in memory
 * only: jobs still waiting when the process stops are lost.
 */
export class InlineJobQueue implements JobQueue {
  private readonly registry: ProcessorRegistry;
  private readonly backoffMs: number;
  private readonly historyLimit: number;
  /** Every known job by id; insertion order is age order, which eviction relies on. */
  private readonly jobs = new Map<string, InlineJob>();
  private readonly waiting = new Map<QueueName, string[]>();
  private readonly running = new Map<QueueName, Promise<void>>();
  private readonly lastLocalId = new Map<QueueName, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly finished = new EventEmitter();
  private readonly pendingWaits = new Set<(err: Error) => void>();
  private closed = false;

  constructor({ registry, backoffMs = JOB_DEFAULTS.backoffMs, historyLimit = 1000 }: InlineJobQueueOptions) {
    this.registry = registry;
    this.backoffMs = backoffMs;
    this.historyLimit = historyLimit;
    this.finished.setMaxListeners(0);
  }

  async enqueue(queue: QueueName, name: string, payload: unknown, options?: EnqueueOptions): Promise<JobStatus> {
    this.assertOpen();
    const request = checkEnqueue(this.registry, queue, name, payload, options);
    if (request.jobId !== undefined) {
      const existing = this.jobs.get(formatJobId(queue, request.jobId));
      if (existing) return this.status(existing);
    }
    let stored: string;
    try {
      stored = JSON.stringify(request.payload);
    } catch (err) {
      throw badInput(`payload of ${name} is not JSON: ${errorMessage(err)}`);
    }
    const localId = request.jobId ?? this.nextLocalId(queue);
    const job: InlineJob = {
      id: formatJobId(queue, localId),
      queue,
      name,
      payload: stored,
      attempts: request.attempts,
      attemptsMade: 0,
      state: 'waiting',
      progress: 0,
      result: null,
      failedReason: null,
      createdAt: Date.now(),
      finishedAt: null,
      logs: [],
    };
    this.jobs.set(job.id, job);
    if (request.delayMs > 0) this.delay(job, request.delayMs);
    else this.makeWaiting(job);
    return this.status(job);
  }

  async get(id: string): Promise<JobStatus | null> {
    const job = parseJobId(id) ? this.jobs.get(id) : undefined;
    return job ? this.status(job) : null;
  }

  async counts(): Promise<JobCounts> {
    const counts = emptyCounts();
    for (const job of this.jobs.values()) {
      const byState = counts[job.queue];
      byState[job.state] = (byState[job.state] ?? 0) + 1;
    }
    return counts;
  }

  waitFor(id: string, timeoutMs: number): Promise<JobStatus> {
    const job = this.jobs.get(id);
    if (!job || !parseJobId(id)) return Promise.reject(notFound(`job ${id} not found`));
    if (isFinished(job.state)) return Promise.resolve(this.status(job));
    if (this.closed) return Promise.reject(this.closedError());
    return new Promise<JobStatus>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.finished.off(id, onFinished);
        this.pendingWaits.delete(fail);
      };
      const onFinished = () => {
        done();
        resolve(this.status(job));
      };
      const fail = (err: Error) => {
        done();
        reject(err);
      };
      const timer = setTimeout(() => fail(new JobWaitTimeoutError(id, timeoutMs)), timeoutMs);
      this.finished.on(id, onFinished);
      this.pendingWaits.add(fail);
    });
  }

  /** Stops starting jobs and timers, rejects pending `waitFor`s, and waits for running processors. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const fail of [...this.pendingWaits]) fail(this.closedError());
    await Promise.allSettled([...this.running.values()]);
  }

  private nextLocalId(queue: QueueName): string {
    const next = (this.lastLocalId.get(queue) ?? 0) + 1;
    this.lastLocalId.set(queue, next);
    return String(next);
  }

  private makeWaiting(job: InlineJob): void {
    job.state = 'waiting';
    const list = this.waiting.get(job.queue) ?? [];
    list.push(job.id);
    this.waiting.set(job.queue, list);
    // Never run a processor inside the caller's stack: start on a later turn of the event loop.
    setImmediate(() => this.pump(job.queue));
  }

  private delay(job: InlineJob, ms: number): void {
    job.state = 'delayed';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.makeWaiting(job);
    }, ms);
    this.timers.add(timer);
  }

  /** Starts the next waiting job of `queue` unless one is running there (one at a time per queue). */
  private pump(queue: QueueName): void {
    if (this.closed || this.running.has(queue)) return;
    const id = this.waiting.get(queue)?.shift();
    const job = id === undefined ? undefined : this.jobs.get(id);
    if (!job) return;
    const run = this.runAttempt(job).finally(() => {
      this.running.delete(queue);
      this.pump(queue);
    });
    this.running.set(queue, run);
  }

  private async runAttempt(job: InlineJob): Promise<void> {
    job.state = 'active';
    const context: JobContext<unknown> = {
      id: job.id,
      name: job.name,
      data: JSON.parse(job.payload),
      attemptsMade: job.attemptsMade,
      updateProgress: async (progress) => {
        if (job.state === 'active') job.progress = throughJson(progress);
      },
      log: async (message) => {
        job.logs.push(message);
        if (job.logs.length > LOG_LIMIT) job.logs.shift();
      },
    };
    try {
      const result = throughJson(await executeJob(this.registry, context));
      job.attemptsMade += 1;
      job.result = result;
      this.finish(job, 'completed');
    } catch (err) {
      job.attemptsMade += 1;
      job.failedReason = errorMessage(err);
      if (isPermanentJobError(err) || job.attemptsMade >= job.attempts) this.finish(job, 'failed');
      else this.delay(job, backoffDelayMs(job.attemptsMade, this.backoffMs));
    }
  }

  private finish(job: InlineJob, state: 'completed' | 'failed'): void {
    job.state = state;
    job.finishedAt = Date.now();
    this.evictOldFinished();
    this.finished.emit(job.id);
  }

  /** Keeps at most `historyLimit` jobs, dropping the oldest finished ones (unfinished jobs are never dropped). */
  private evictOldFinished(): void {
    for (const [id, job] of this.jobs) {
      if (this.jobs.size <= this.historyLimit) return;
      if (isFinished(job.state)) this.jobs.delete(id);
    }
  }

  private status(job: InlineJob): JobStatus {
    return {
      id: job.id,
      queue: job.queue,
      name: job.name,
      state: job.state,
      progress: toProgress(job.progress, job.state),
      result: job.result,
      failedReason: shownFailedReason(job.state, job.failedReason),
      attemptsMade: job.attemptsMade,
      createdAt: new Date(job.createdAt),
      finishedAt: job.finishedAt === null ? null : new Date(job.finishedAt),
    };
  }

  private assertOpen(): void {
    if (this.closed) throw this.closedError();
  }

  private closedError(): MagpieError {
    return new MagpieError(ErrorCode.UNAVAILABLE, 'the job queue is closed');
  }
}
