import { z } from 'zod';
import { ErrorCode, MagpieError, QUEUE_LONGTAIL, QUEUE_TRAINING, type JobStatus } from '@magpie/contracts';
import { JobWaitTimeoutError, PermanentJobError } from '../errors';
import type { JobQueue } from '../job-queue';
import { createRegistry, defineJob, type ProcessorRegistry } from '../processor';
import { eventually, Gate } from './gate';

/** A queue under test plus whatever runs its jobs (workers), torn down together. */
export interface JobQueueHarness {
  queue: JobQueue;
  close(): Promise<void>;
}

/** Builds a fresh, isolated queue (own prefix) running `registry` with the given backoff base. */
export type JobQueueHarnessFactory = (registry: ProcessorRegistry, options: { backoffMs: number }) => Promise<JobQueueHarness>;

const BACKOFF_MS = 40;
const WAIT_MS = 8000;

/** Test processors whose calls the tests can observe and hold. */
function probeJobs() {
  const calls: Record<string, number> = {};
  const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
  const gate = new Gate();
  const registry = createRegistry(
    defineJob('test-add', z.object({ a: z.number(), b: z.number().default(0) }), async (job) => {
      count(job.name);
      await job.updateProgress({ fraction: 0.5, message: 'halfway', figures: { a: job.data.a } });
      await job.log(`adding ${job.data.a} and ${job.data.b}`);
      await gate.wait();
      return { sum: job.data.a + job.data.b, id: job.id };
    }),
    defineJob('test-flaky', z.object({ failTimes: z.number().int() }), async (job) => {
      count(job.name);
      if (job.attemptsMade < job.data.failTimes) throw new Error(`boom on attempt ${job.attemptsMade + 1}`);
      return { attemptsBefore: job.attemptsMade };
    }),
    defineJob('test-permanent', z.object({}), async (job) => {
      count(job.name);
      throw new PermanentJobError('model artifact is missing');
    }),
    defineJob('test-shard', z.object({ n: z.number().int(), failTimes: z.number().int().default(0), permanent: z.boolean().default(false) }), async (job) => {
      count(`shard ${job.data.n}`);
      if (job.data.permanent) throw new PermanentJobError(`shard ${job.data.n} is broken`);
      if (job.attemptsMade < job.data.failTimes) throw new Error(`shard ${job.data.n} boom`);
      finishedShards.push(job.data.n);
      return { n: job.data.n };
    }),
    defineJob('test-finalize', z.object({ shards: z.number().int() }), async (job) => {
      count(job.name);
      // What the parent saw: every shard had completed before it ran.
      return { shardsDoneBefore: [...finishedShards].sort((a, b) => a - b), expected: job.data.shards };
    }),
  );
  const finishedShards: number[] = [];
  return { registry, calls, gate, finishedShards };
}

const expectMagpieError = async (promise: Promise<unknown>, code: ErrorCode) => {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MagpieError);
  expect((err as MagpieError).code).toBe(code);
};

/**
 * The behaviour every `JobQueue` must show, whichever engine runs the jobs. Each test gets its own
 * harness (and so its own Redis prefix in BullMQ mode).
 */
export function describeJobQueueContract(label: string, makeHarness: JobQueueHarnessFactory): void {
  describe(`JobQueue contract: ${label}`, () => {
    let harness: JobQueueHarness | undefined;
    let probe: ReturnType<typeof probeJobs>;
    let queue: JobQueue;

    beforeEach(async () => {
      probe = probeJobs();
      harness = await makeHarness(probe.registry, { backoffMs: BACKOFF_MS });
      queue = harness.queue;
    });

    afterEach(async () => {
      probe.gate.open();
      await harness?.close();
      harness = undefined;
    });

    it('runs a job to completion, showing its progress while it is active', async () => {
      const enqueued = await queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 2 });
      expect(enqueued.id).toMatch(/^training:.+/);
      expect(enqueued).toMatchObject({ queue: 'training', name: 'test-add', attemptsMade: 0, result: null });
      expect(['waiting', 'active']).toContain(enqueued.state);

      const active = await eventually(async () => {
        const s = await queue.get(enqueued.id);
        return s?.state === 'active' && s.progress.fraction === 0.5 ? s : undefined;
      });
      expect(active.progress).toEqual({ fraction: 0.5, message: 'halfway', figures: { a: 2 } });
      expect(active.finishedAt).toBeNull();

      probe.gate.open();
      const done = await queue.waitFor(enqueued.id, WAIT_MS);
      expect(done.state).toBe('completed');
      // b took its schema default (0): the processor got the parsed payload.
      expect(done.result).toEqual({ sum: 2, id: enqueued.id });
      expect(done.attemptsMade).toBe(1);
      expect(done.failedReason).toBeNull();
      expect(done.progress).toEqual({ fraction: 1, message: 'halfway', figures: { a: 2 } });
      expect(done.finishedAt!.getTime()).toBeGreaterThanOrEqual(done.createdAt!.getTime());
      expect(probe.calls['test-add']).toBe(1);
    });

    it('rejects a payload that fails its schema with BAD_USER_INPUT and enqueues nothing', async () => {
      await expectMagpieError(queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 'two' }), ErrorCode.BAD_USER_INPUT);
      await expectMagpieError(queue.enqueue(QUEUE_TRAINING, 'test-add', null), ErrorCode.BAD_USER_INPUT);
      const counts = await queue.counts();
      expect(Object.values(counts.training).reduce((a, b) => a + (b ?? 0), 0)).toBe(0);
    });

    it('rejects unknown job names, unknown queues and bad options with BAD_USER_INPUT', async () => {
      await expectMagpieError(queue.enqueue(QUEUE_TRAINING, 'no-such-job', {}), ErrorCode.BAD_USER_INPUT);
      await expectMagpieError(queue.enqueue('nope' as typeof QUEUE_TRAINING, 'test-add', { a: 1 }), ErrorCode.BAD_USER_INPUT);
      await expectMagpieError(queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 1 }, { attempts: 0 }), ErrorCode.BAD_USER_INPUT);
      await expectMagpieError(queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 1 }, { jobId: 'a:b' }), ErrorCode.BAD_USER_INPUT);
      await expectMagpieError(queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 1 }, { jobId: '42' }), ErrorCode.BAD_USER_INPUT);
    });

    it('retries a throwing processor with exponential backoff, then fails with the last reason', async () => {
      const started = Date.now();
      const { id } = await queue.enqueue(QUEUE_TRAINING, 'test-flaky', { failTimes: 10 });
      const failed = await queue.waitFor(id, WAIT_MS);
      expect(failed.state).toBe('failed');
      expect(failed.failedReason).toBe('boom on attempt 3');
      expect(failed.attemptsMade).toBe(3);
      expect(probe.calls['test-flaky']).toBe(3);
      // Retry delays: 40 ms · 2^0 + 40 ms · 2^1 = 120 ms at least.
      expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    });

    it('completes a job that succeeds on a retry, counting the failed attempt', async () => {
      const { id } = await queue.enqueue(QUEUE_TRAINING, 'test-flaky', { failTimes: 1 });
      const done = await queue.waitFor(id, WAIT_MS);
      expect(done.state).toBe('completed');
      expect(done.result).toEqual({ attemptsBefore: 1 });
      expect(done.attemptsMade).toBe(2);
      expect(done.failedReason).toBeNull();
      expect(probe.calls['test-flaky']).toBe(2);
    });

    it('honours the attempts option (1 = no retry)', async () => {
      const { id } = await queue.enqueue(QUEUE_LONGTAIL, 'test-flaky', { failTimes: 10 }, { attempts: 1 });
      const failed = await queue.waitFor(id, WAIT_MS);
      expect(failed).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'boom on attempt 1', queue: 'longtail' });
      expect(probe.calls['test-flaky']).toBe(1);
    });

    it('fails a job at once when its processor throws PermanentJobError', async () => {
      const { id } = await queue.enqueue(QUEUE_TRAINING, 'test-permanent', {});
      const failed = await queue.waitFor(id, WAIT_MS);
      expect(failed).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'model artifact is missing' });
      expect(probe.calls['test-permanent']).toBe(1);
    });

    it('returns null for unknown and malformed ids', async () => {
      for (const id of ['training:does-not-exist', 'longtail:999999', 'nope:1', 'training:', ':1', '1', '']) {
        expect(await queue.get(id)).toBeNull();
      }
    });

    it('rejects waitFor with NOT_FOUND for an unknown job and with a timeout for a job that does not finish', async () => {
      await expectMagpieError(queue.waitFor('training:does-not-exist', 100), ErrorCode.NOT_FOUND);
      const { id } = await queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 1 });
      await expect(queue.waitFor(id, 150)).rejects.toBeInstanceOf(JobWaitTimeoutError);
      probe.gate.open();
      expect((await queue.waitFor(id, WAIT_MS)).state).toBe('completed');
    });

    it('counts jobs per queue and state', async () => {
      const empty = await queue.counts();
      expect(empty).toEqual({
        training: { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 },
        longtail: { waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 },
      });
      probe.gate.open();
      const a = await queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 1, b: 2 });
      const b = await queue.enqueue(QUEUE_TRAINING, 'test-permanent', {});
      const c = await queue.enqueue(QUEUE_LONGTAIL, 'test-add', { a: 3 });
      await Promise.all([a, b, c].map((s) => queue.waitFor(s.id, WAIT_MS)));
      await queue.enqueue(QUEUE_LONGTAIL, 'test-add', { a: 4 }, { delayMs: 60_000 });
      const counts = await queue.counts();
      expect(counts.training).toEqual({ waiting: 0, active: 0, completed: 1, failed: 1, delayed: 0 });
      expect(counts.longtail).toEqual({ waiting: 0, active: 0, completed: 1, failed: 0, delayed: 1 });
    });

    it('treats a repeated jobId as the same job and runs it once', async () => {
      probe.gate.open();
      const first = await queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 5 }, { jobId: 'nightly-2026-11-01' });
      const second = await queue.enqueue(QUEUE_TRAINING, 'test-add', { a: 6 }, { jobId: 'nightly-2026-11-01' });
      expect(first.id).toBe('training:nightly-2026-11-01');
      expect(second.id).toBe(first.id);
      const done = await queue.waitFor(first.id, WAIT_MS);
      expect(done.result).toEqual({ sum: 5, id: first.id });
      expect(probe.calls['test-add']).toBe(1);
    });

    it('runs a flow: every child, each retried on its own, then the parent once', async () => {
      const flow = await queue.addFlow({
        queue: QUEUE_LONGTAIL,
        parent: { name: 'test-finalize', payload: { shards: 4 }, options: { jobId: 'finalize-a' } },
        children: [0, 1, 2, 3].map((n) => ({ name: 'test-shard', payload: { n, failTimes: n === 2 ? 2 : 0 }, options: { jobId: `shard-a-${n}` } })),
      });
      expect(flow.parent).toMatchObject({ id: 'longtail:finalize-a', name: 'test-finalize', state: 'waiting' });
      expect(flow.children.map((c) => c.id)).toEqual([0, 1, 2, 3].map((n) => `longtail:shard-a-${n}`));
      const done = await queue.waitFor(flow.parent.id, WAIT_MS);
      expect(done.state).toBe('completed');
      expect(done.result).toEqual({ shardsDoneBefore: [0, 1, 2, 3], expected: 4 });
      // The flaky shard ran three times; no other shard, and not the parent, ran twice.
      expect(probe.calls).toMatchObject({ 'shard 0': 1, 'shard 1': 1, 'shard 2': 3, 'shard 3': 1, 'test-finalize': 1 });
      const flaky = await queue.get('longtail:shard-a-2');
      expect(flaky).toMatchObject({ state: 'completed', attemptsMade: 3, result: { n: 2 } });
    });

    it('fails a flow’s parent without running it when a child fails for good', async () => {
      const flow = await queue.addFlow({
        queue: QUEUE_LONGTAIL,
        parent: { name: 'test-finalize', payload: { shards: 2 }, options: { jobId: 'finalize-b' } },
        children: [
          { name: 'test-shard', payload: { n: 0 }, options: { jobId: 'shard-b-0' } },
          { name: 'test-shard', payload: { n: 1, permanent: true }, options: { jobId: 'shard-b-1' } },
        ],
      });
      const failed = await queue.waitFor(flow.parent.id, WAIT_MS);
      expect(failed.state).toBe('failed');
      expect(failed.failedReason).toMatch(/child .*shard-b-1.* failed/);
      expect(await queue.get('longtail:shard-b-1')).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'shard 1 is broken' });
      expect(probe.calls['test-finalize']).toBeUndefined();
    });

    it('treats a flow whose parent id exists as added already, and checks every job before adding any', async () => {
      const request = {
        queue: QUEUE_LONGTAIL,
        parent: { name: 'test-finalize', payload: { shards: 1 }, options: { jobId: 'finalize-c' } },
        children: [{ name: 'test-shard', payload: { n: 7 }, options: { jobId: 'shard-c-7' } }],
      };
      const first = await queue.addFlow(request);
      expect((await queue.waitFor(first.parent.id, WAIT_MS)).state).toBe('completed');
      const again = await queue.addFlow(request);
      expect(again.parent).toMatchObject({ id: first.parent.id, state: 'completed' });
      expect(again.children).toEqual([]);
      expect(probe.calls['shard 7']).toBe(1);

      await expectMagpieError(
        queue.addFlow({ ...request, parent: { ...request.parent, options: { jobId: 'finalize-d' } }, children: [{ name: 'test-shard', payload: { n: 'x' } }] }),
        ErrorCode.BAD_USER_INPUT,
      );
      expect(await queue.get('longtail:finalize-d')).toBeNull();
    });

    it('holds a delayed job back, then runs it', async () => {
      probe.gate.open();
      const started = Date.now();
      const delayed = await queue.enqueue(QUEUE_LONGTAIL, 'test-add', { a: 7 }, { delayMs: 200 });
      expect(delayed.state).toBe('delayed');
      const done: JobStatus = await queue.waitFor(delayed.id, WAIT_MS);
      expect(done.state).toBe('completed');
      expect(Date.now() - started).toBeGreaterThanOrEqual(195);
    });
  });
}
