import { QUEUES, type JobProgress, type JobState } from '@magpie/contracts';
import type { JobCounts } from './job-queue';

/** States `counts()` reports for every queue (zeros included). */
export const COUNTED_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed'] as const satisfies readonly JobState[];

export const emptyCounts = (): JobCounts => {
  const counts = {} as JobCounts;
  for (const queue of QUEUES) counts[queue] = Object.fromEntries(COUNTED_STATES.map((s) => [s, 0]));
  return counts;
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const clampFraction = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * The progress `JobStatus` shows: what the processor last reported (a bare number counts as a fraction,
 * or as a percentage when above 1), and fraction 1 once the job has completed.
 */
export function toProgress(raw: unknown, state: JobState): JobProgress {
  let progress: JobProgress = { fraction: 0 };
  if (typeof raw === 'number') {
    progress = { fraction: clampFraction(raw > 1 ? raw / 100 : raw) };
  } else if (isRecord(raw) && typeof raw.fraction === 'number') {
    progress = { fraction: clampFraction(raw.fraction) };
    if (typeof raw.message === 'string') progress.message = raw.message;
    if (isRecord(raw.figures)) {
      const figures = Object.entries(raw.figures).filter((e): e is [string, number] => typeof e[1] === 'number');
      progress.figures = Object.fromEntries(figures);
    }
  }
  return state === 'completed' ? { ...progress, fraction: 1 } : progress;
}

/** A completed job shows no failure reason, even when earlier attempts failed (BullMQ keeps the last one). */
export const shownFailedReason = (state: JobState, reason: string | null | undefined): string | null =>
  state === 'completed' || !reason ? null : reason;
