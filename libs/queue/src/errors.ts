import { UnrecoverableError } from 'bullmq';

/**
 * Thrown by a processor (or by payload validation) when retrying cannot help: bad input, a missing
 * artifact, a model kind that does not exist. The job fails at once, in BullMQ and inline alike.
 *
 * It extends BullMQ's `UnrecoverableError`, so BullMQ's own retry logic honours it without any mapping.
 */
export class PermanentJobError extends UnrecoverableError {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** True for errors that must not be retried (`PermanentJobError` or BullMQ's `UnrecoverableError`). */
export const isPermanentJobError = (err: unknown): boolean =>
  err instanceof UnrecoverableError ||
  (err instanceof Error && (err.name === 'UnrecoverableError' || err.name === 'PermanentJobError'));

/** `JobQueue.waitFor` gave up: the job did not complete or fail within the given time. */
export class JobWaitTimeoutError extends Error {
  constructor(
    readonly jobId: string,
    readonly timeoutMs: number,
  ) {
    super(`job ${jobId} did not finish within ${timeoutMs} ms`);
    this.name = 'JobWaitTimeoutError';
  }
}

/** The message a failed job records for whatever its processor threw. */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
