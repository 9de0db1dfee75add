import type { JobProgress, JobStatus } from '@magpie/contracts';
import { followFlow } from './follow-flow';

const status = (id: string, state: JobStatus['state'], extra: Partial<JobStatus> = {}): JobStatus => ({
  id, queue: 'longtail', name: 'x', state, progress: { fraction: 0 }, result: null, failedReason: null, attemptsMade: 0, createdAt: null, finishedAt: null, ...extra,
});

describe('followFlow', () => {
  it('reports shards done / total, a retrying shard with its reason, and candidates, until the parent completes', async () => {
    // Three polls: shard 1 failed an attempt and waits for a retry, then everything completes.
    const polls: Record<string, JobStatus>[] = [
      {
        p: status('p', 'waiting'),
        a: status('a', 'completed', { result: { candidates: 7 } }),
        b: status('b', 'delayed', { failedReason: 'connection reset', attemptsMade: 1 }),
      },
      { p: status('p', 'waiting'), a: status('a', 'completed', { result: { candidates: 7 } }), b: status('b', 'active', { failedReason: 'connection reset', attemptsMade: 1 }) },
      { p: status('p', 'completed', { result: { candidates: 12 } }), a: status('a', 'completed', { result: { candidates: 7 } }), b: status('b', 'completed', { result: { candidates: 5 }, attemptsMade: 2 }) },
    ];
    let poll = 0;
    const reported: JobProgress[] = [];
    const job = {
      jobs: {
        addFlow: () => Promise.reject(new Error('not used')),
        get: async (id: string) => {
          const snapshot = polls[Math.min(poll, polls.length - 1)];
          if (id === 'b') poll++; // the last id read in each poll
          return snapshot[id] ?? null;
        },
      },
      updateProgress: async (p: JobProgress) => void reported.push(p),
    };
    const { parent, figures } = await followFlow(job, { parent: 'p', children: ['a', 'b'] }, { pollMs: 1, fractionFrom: 0.5 });
    expect(parent.state).toBe('completed');
    expect(figures).toEqual({ shards: 2, shardsDone: 2, shardsFailed: 0, shardsRetrying: 0, candidates: 12 });
    expect(reported).toHaveLength(3);
    expect(reported[0]).toEqual({
      fraction: 0.75,
      message: 'shards 1/2; b delayed: connection reset',
      figures: { shards: 2, shardsDone: 1, shardsFailed: 0, shardsRetrying: 1, candidates: 7 },
    });
    expect(reported[2].message).toBe('shards 2/2');
    expect(reported[2].fraction).toBe(0.99);
  });

  it('returns a failed parent with the failed shard counted', async () => {
    const snapshot: Record<string, JobStatus> = {
      p: status('p', 'failed', { failedReason: 'child longtail:b failed' }),
      a: status('a', 'completed', { result: { candidates: 3 } }),
      b: status('b', 'failed', { failedReason: 'bad range', attemptsMade: 5 }),
    };
    const job = { jobs: { addFlow: () => Promise.reject(new Error('not used')), get: async (id: string) => snapshot[id] ?? null }, updateProgress: async () => undefined };
    const { parent, figures } = await followFlow(job, { parent: 'p', children: ['a', 'b'] }, { pollMs: 1, fractionFrom: 0.5 });
    expect(parent).toMatchObject({ state: 'failed', failedReason: 'child longtail:b failed' });
    expect(figures).toMatchObject({ shardsDone: 1, shardsFailed: 1, candidates: 3 });
  });

  it('stops following (an ordinary, retryable error) once the worker shuts down', async () => {
    const controller = new AbortController();
    const job = {
      jobs: { addFlow: () => Promise.reject(new Error('not used')), get: async (id: string) => status(id, 'waiting') },
      updateProgress: async () => void controller.abort(),
    };
    await expect(followFlow(job, { parent: 'p', children: ['a'] }, { pollMs: 1, fractionFrom: 0, signal: controller.signal })).rejects.toThrow(/shutting down/);
  });

  it('fails when the flow parent is gone', async () => {
    const job = { jobs: { addFlow: () => Promise.reject(new Error('not used')), get: async () => null }, updateProgress: async () => undefined };
    await expect(followFlow(job, { parent: 'p', children: [] }, { pollMs: 1, fractionFrom: 0 })).rejects.toThrow(/flow parent p is gone/);
  });
});
