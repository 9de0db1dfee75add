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
import { checkEnqueue, type EnqueueRequest } from './enqueue-request';
import { errorMessage, isPermanentJobError, JobWaitTimeoutError } from './errors';
import { formatJobId, parseJobId } from './job-id';
import { backoffDelayMs, JOB_DEFAULTS, type EnqueueOptions, type FlowRequest, type FlowStatus, type JobCounts, type JobQueue } from './job-queue';
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
  /** Jobs of one lane run one at a time: the queue's own lane, or a flow's lane (`flow:<parent id>`). */
  lane: string;
  /** A flow's parent: its children that have not completed yet (it runs when none is left). */
  pendingChildren: Set<string> | null;
  /** A flow's child: its parent's id. */
  parentId: string | null;
}

const isFinished = (state: JobState) => state === 'completed' || state === 'failed';

/** JSON round trip: what storing a value in Redis and reading it back gives (undefined → null). */
const throughJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/**
 * Embedded-mode job queue: runs the registered processors in this process, asynchronously (never inside
 * `enqueue`'s call stack), one job at a time per queue, with BullMQ's retry semantics (attempts,
 * exponential backoff, `PermanentJobError` fails at once). A flow runs in a lane of its own, its
 * children one at a time and then its parent, so a job of the queue that waits for its flow does not
 * block it. Jobs, progress and results live in memory only: jobs still waiting when the process stops are lost.
 */
export class InlineJobQueue implements JobQueue {
  private readonly registry: ProcessorRegistry;
  private readonly backoffMs: number;
  private readonly historyLimit: number;
  /** Every known job by id; insertion order is age order, which eviction relies on. */
  private readonly jobs = new Map<string, InlineJob>();
  private readonly waiting = new Map<string, string[]>();
  private readonly running = new Map<string, Promise<void>>();
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
    const existing = this.existing(request);
    if (existing) return this.status(existing);
    const job = this.add(this.newJob(request, queue));
    if (request.delayMs > 0) this.delay(job, request.delayMs);
    else this.makeWaiting(job);
    return this.status(job);
  }

  async addFlow(flow: FlowRequest): Promise<FlowStatus> {
    this.assertOpen();
    const parentRequest = checkEnqueue(this.registry, flow.queue, flow.parent.name, flow.parent.payload, flow.parent.options);
    const childRequests = flow.children.map((c) => checkEnqueue(this.registry, flow.queue, c.name, c.payload, c.options));
    const existing = this.existing(parentRequest);
    if (existing) return { parent: this.status(existing), children: [] };
    const parent = this.newJob(parentRequest, '');
    parent.lane = `flow:${parent.id}`;
    const children = childRequests.map((r) => ({ ...this.newJob(r, parent.lane), parentId: parent.id }));
    const ids = new Set([parent.id]);
    for (const child of children) {
      if (ids.has(child.id) || this.jobs.has(child.id)) throw badInput(`job ${child.id} exists already`);
      ids.add(child.id);
    }
    parent.pendingChildren = new Set(children.map((c) => c.id));
    this.add(parent);
    for (const child of children) this.makeWaiting(this.add(child));
    if (children.length === 0) this.makeWaiting(parent);
    return { parent: this.status(parent), children: children.map((c) => this.status(c)) };
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

  /**
   * Stops starting jobs and timers, fails the parents of unfinished flows (their children will not run
   * any more, and a processor following its flow must not wait forever), rejects pending `waitFor`s,
   * and waits for running processors.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const job of [...this.jobs.values()]) {
      if (job.pendingChildren && !isFinished(job.state) && job.state !== 'active') {
        job.failedReason = 'the job queue closed before the flow finished';
        this.finish(job, 'failed');
      }
    }
    for (const fail of [...this.pendingWaits]) fail(this.closedError());
    await Promise.allSettled([...this.running.values()]);
  }

  private existing(request: EnqueueRequest): InlineJob | undefined {
    return request.jobId === undefined ? undefined : this.jobs.get(formatJobId(request.queue, request.jobId));
  }

  /** A new job (not yet stored) in `lane` (default: its queue's lane); throws `badInput` for a payload that is not JSON. */
  private newJob(request: EnqueueRequest, lane: string): InlineJob {
    let stored: string;
    try {
      stored = JSON.stringify(request.payload);
    } catch (err) {
      throw badInput(`payload of ${request.name} is not JSON: ${errorMessage(err)}`);
    }
    const id = formatJobId(request.queue, request.jobId ?? this.nextLocalId(request.queue));
    return {
      id,
      queue: request.queue,
      name: request.name,
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
      lane: lane || request.queue,
      pendingChildren: null,
      parentId: null,
    };
  }

  private add(job: InlineJob): InlineJob {
    this.jobs.set(job.id, job);
    return job;
  }

  private nextLocalId(queue: QueueName): string {
    const next = (this.lastLocalId.get(queue) ?? 0) + 1;
    this.lastLocalId.set(queue, next);
    return String(next);
  }

  private makeWaiting(job: InlineJob): void {
    job.state = 'waiting';
    const list = this.waiting.get(job.lane) ?? [];
    list.push(job.id);
    this.waiting.set(job.lane, list);
    // Never run a processor inside the caller's stack: start on a later turn of the event loop.
    setImmediate(() => this.pump(job.lane));
  }

  private delay(job: InlineJob, ms: number): void {
    job.state = 'delayed';
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.makeWaiting(job);
    }, ms);
    this.timers.add(timer);
  }

  /** Starts the next waiting job of `lane` unless one is running there (one at a time per lane). */
  private pump(lane: string): void {
    if (this.closed || this.running.has(lane)) return;
    const list = this.waiting.get(lane);
    const id = list?.shift();
    if (list?.length === 0) this.waiting.delete(lane);
    const job = id === undefined ? undefined : this.jobs.get(id);
    if (!job) return;
    const run = this.runAttempt(job).finally(() => {
      this.running.delete(lane);
      this.pump(lane);
    });
    this.running.set(lane, run);
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
      jobs: this,
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
    this.settleParent(job);
    this.evictOldFinished();
    this.finished.emit(job.id);
  }

  /** A flow's child finished: the parent runs once every child completed, and fails when one failed. */
  private settleParent(child: InlineJob): void {
    const parent = child.parentId === null ? undefined : this.jobs.get(child.parentId);
    if (!parent?.pendingChildren || isFinished(parent.state)) return;
    if (child.state === 'failed') {
      parent.failedReason = `child ${child.id} failed: ${child.failedReason ?? 'unknown reason'}`;
      this.finish(parent, 'failed');
      return;
    }
    parent.pendingChildren.delete(child.id);
    if (parent.pendingChildren.size === 0) this.makeWaiting(parent);
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
