import type { Job } from 'bullmq';
import type { JobState, JobStatus, QueueName } from '@magpie/contracts';
import { formatJobId } from './job-id';
import { shownFailedReason, toProgress } from './job-status';
import type { FlowRunner, JobContext } from './processor';

/** BullMQ's job states → Magpie's (prioritized, waiting-children and paused jobs are waiting). */
export function toJobState(bullState: string): JobState {
  switch (bullState) {
    case 'waiting':
    case 'wait':
    case 'prioritized':
    case 'waiting-children':
    case 'paused':
      return 'waiting';
    case 'active':
    case 'completed':
    case 'failed':
    case 'delayed':
      return bullState;
    default:
      return 'unknown';
  }
}

/** A BullMQ job (and its state) as `JobQueue.get` shows it. */
export function toJobStatus(queue: QueueName, job: Job, bullState: string): JobStatus {
  const state = toJobState(bullState);
  return {
    id: formatJobId(queue, job.id ?? ''),
    queue,
    name: job.name,
    state,
    progress: toProgress(job.progress, state),
    result: job.returnvalue ?? null,
    failedReason: shownFailedReason(state, job.failedReason),
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp),
    finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
  };
}

/** What a processor sees of a BullMQ job. */
export function toJobContext(queue: QueueName, job: Job, jobs: FlowRunner): JobContext<unknown> {
  return {
    id: formatJobId(queue, job.id ?? ''),
    name: job.name,
    data: job.data,
    attemptsMade: job.attemptsMade,
    updateProgress: (progress) => job.updateProgress({ ...progress }),
    log: async (message) => {
      await job.log(message);
    },
    jobs,
  };
}
