import { Gauge, type Registry } from 'prom-client';
import type { JobQueue } from '@magpie/queue';

/** A `/metrics` collector: jobs per queue and state, read from the queue at scrape time. */
export const jobCountsCollector = (queue: Pick<JobQueue, 'counts'>) => (registry: Registry) =>
  new Gauge({
    name: 'magpie_jobs',
    help: 'Jobs per queue and state (waiting, active, completed, failed, delayed)',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      const counts = await queue.counts();
      this.reset();
      for (const [name, states] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(states)) this.set({ queue: name, state }, n ?? 0);
      }
    },
  });
