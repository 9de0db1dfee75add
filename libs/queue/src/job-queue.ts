import type { JobState, JobStatus, QueueName } from '@magpie/contracts';

/** Per-job options of `JobQueue.enqueue`; anything left out takes `JOB_DEFAULTS`. */
export interface EnqueueOptions {
  /** Queue-local id; enqueueing an id that already exists returns that job instead of adding one. */
  jobId?: string;
  /** Total runs before the job fails (1 = no retry). */
  attempts?: number;
  /** Wait this long before the first run. */
  delayMs?: number;
}

/** One job of a flow: its name, payload and per-job options (as `enqueue` takes them). */
export interface FlowJob {
  name: string;
  payload: unknown;
  options?: Pick<EnqueueOptions, 'jobId' | 'attempts'>;
}

/**
 * A parent job that runs once all of its children completed (BullMQ flow semantics). The children run
 * in any order and in parallel where workers allow; each retries on its own (attempts, backoff), so a
 * failed child never reruns the others. A child that fails for good fails the parent without running it.
 */
export interface FlowRequest {
  /** The queue of every job of the flow. */
  queue: QueueName;
  parent: FlowJob;
  children: FlowJob[];
}

/** A flow as `addFlow` left it: the parent's status and each child's, in request order. */
export interface FlowStatus {
  parent: JobStatus;
  children: JobStatus[];
}

/** Job counts per queue and state. */
export type JobCounts = Record<QueueName, Partial<Record<JobState, number>>>;

/**
 * Where jobs go and how callers follow them: BullMQ on Redis (`BullJobQueue`) or in-process
 * (`InlineJobQueue`, embedded mode). Both run the same processors with the same retry semantics.
 */
export interface JobQueue {
  /**
   * Adds a job. When the queue knows a registry, the name and payload are checked first and a bad
   * one throws `badInput` (BAD_USER_INPUT) without enqueueing anything.
   */
  enqueue(queue: QueueName, name: string, payload: unknown, options?: EnqueueOptions): Promise<JobStatus>;
  /** A job by its "<queue>:<local id>"; unknown or malformed ids give null. */
  get(id: string): Promise<JobStatus | null>;
  /**
   * Adds a flow (see `FlowRequest`), checking every job like `enqueue` does (nothing is added when one
   * is bad). When the parent's `jobId` exists already, nothing is added and that flow's parent is
   * returned with no children listed: re-adding a flow is a no-op.
   */
  addFlow(flow: FlowRequest): Promise<FlowStatus>;
  /** Jobs per queue and state (every queue, every state but `unknown`, zeros included). */
  counts(): Promise<JobCounts>;
  /**
   * Resolves with the job's status once it has completed or failed (a failed job resolves, it does
   * not reject). Rejects with `JobWaitTimeoutError` after `timeoutMs`, with `notFound` for an unknown id.
   */
  waitFor(id: string, timeoutMs: number): Promise<JobStatus>;
  /** Stops taking jobs, waits for running ones, releases connections and timers. */
  close(): Promise<void>;
}

/** Defaults every job gets unless `enqueue` says otherwise. */
export const JOB_DEFAULTS = {
  attempts: 3,
  /** Exponential backoff: the n-th retry waits backoffMs · 2^(n−1). */
  backoffMs: 1000,
  /** Completed jobs are kept 7 days, at most 1000 of them (BullMQ takes seconds here). */
  keepCompleted: { age: 7 * 24 * 3600, count: 1000 },
  /** Failed jobs are kept 30 days. */
  keepFailed: { age: 30 * 24 * 3600 },
} as const;

/** Delay before retry number `attemptsMade` (1-based): backoffMs · 2^(attemptsMade−1), as BullMQ computes it. */
export const backoffDelayMs = (attemptsMade: number, backoffMs: number): number =>
  Math.round(2 ** Math.max(0, attemptsMade - 1) * backoffMs);
