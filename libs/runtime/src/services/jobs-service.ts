import { RETRAIN_ROUTES, badInput, type JobStatus, type ModelKind } from '@magpie/contracts';
import type { JobQueue } from '@magpie/queue';

export class JobsService {
  constructor(private readonly queue: Pick<JobQueue, 'enqueue' | 'get'>) {}

  /** Enqueues the training job of `kind`; `options` (default: none) is its payload, checked against the job's schema. */
  async retrain(kind: ModelKind, options: Record<string, unknown> = {}): Promise<JobStatus> {
    const route = RETRAIN_ROUTES[kind];
    if (!route) throw badInput(`retrain(kind: ${kind}) is not available in this version; available: ${Object.keys(RETRAIN_ROUTES).join(', ')}`);
    return this.queue.enqueue(route.queue, route.job, options);
  }

  job(id: string): Promise<JobStatus | null> {
    return this.queue.get(id);
  }
}
