import { Queue } from 'bullmq';
import { z } from 'zod';
import { QUEUE_TRAINING, QUEUES } from '@magpie/contracts';
import { BullJobQueue } from './bull-job-queue';
import { startWorker, type WorkerHandle } from './bull-worker';
import { createJobQueue } from './create-job-queue';
import { createRegistry, defineJob } from './processor';
import { describeJobQueueContract } from './testing/job-queue-contract';
import { countRedisKeys, deleteRedisKeys, testRedisConfig } from './testing/redis-test-config';

describeJobQueueContract('BullJobQueue + startWorker on Redis', async (registry, { backoffMs }) => {
  const redis = testRedisConfig(process.env);
  const queue = new BullJobQueue({ redis, registry, backoffMs });
  const workers = QUEUES.map((name) => startWorker({ redis, queue: name, registry }));
  await Promise.all(workers.map((w) => w.worker.waitUntilReady()));
  return {
    queue,
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
      await deleteRedisKeys(redis);
    },
  };
});

describe('BullJobQueue on Redis', () => {
  const redis = testRedisConfig(process.env);
  const calls: string[] = [];
  const registry = createRegistry(
    defineJob('test-double', z.object({ x: z.number() }), async (job) => {
      calls.push(job.id);
      return job.data.x * 2;
    }),
  );
  let worker: WorkerHandle;

  beforeAll(async () => {
    worker = startWorker({ redis, queue: QUEUE_TRAINING, registry, concurrency: 2, lockDurationMs: 10_000 });
    await worker.worker.waitUntilReady();
  });

  afterAll(async () => {
    await worker.close();
    await deleteRedisKeys(redis);
    expect(await countRedisKeys(redis)).toBe(0);
  });

  it('keeps its keys under the configured prefix, with BullMQ defaults for retries and retention', async () => {
    const queue = new BullJobQueue({ redis, registry });
    const { id } = await queue.enqueue(QUEUE_TRAINING, 'test-double', { x: 21 });
    expect((await queue.waitFor(id, 5000)).result).toBe(42);
    expect(await countRedisKeys(redis)).toBeGreaterThan(0);
    const raw = new Queue(QUEUE_TRAINING, { connection: { url: redis.url }, prefix: redis.prefix });
    const job = await raw.getJob(id.slice('training:'.length));
    expect(job?.opts).toMatchObject({
      attempts: 3,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
      removeOnFail: { age: 30 * 24 * 3600 },
    });
    await raw.close();
    await queue.close();
  });

  it('fails a job whose payload bypassed validation at once, without retry', async () => {
    // No registry on the producer side: nothing checks the payload until the worker does.
    const unchecked = new BullJobQueue({ redis });
    const before = calls.length;
    const { id } = await unchecked.enqueue(QUEUE_TRAINING, 'test-double', { x: 'not a number' });
    const failed = await unchecked.waitFor(id, 5000);
    expect(failed.state).toBe('failed');
    expect(failed.attemptsMade).toBe(1);
    expect(failed.failedReason).toMatch(/^invalid payload for test-double/);
    expect(calls.length).toBe(before);
    await unchecked.close();
  });

  it('fails a job nobody registered a processor for at once', async () => {
    const unchecked = new BullJobQueue({ redis });
    const { id } = await unchecked.enqueue(QUEUE_TRAINING, 'nobody-knows-me', {});
    const failed = await unchecked.waitFor(id, 5000);
    expect(failed).toMatchObject({ state: 'failed', attemptsMade: 1 });
    expect(failed.failedReason).toMatch(/no processor is registered for job "nobody-knows-me"/);
    await unchecked.close();
  });

  it('is what createJobQueue builds when a Redis URL is configured', async () => {
    const queue = createJobQueue({ redis, registry });
    expect(queue).toBeInstanceOf(BullJobQueue);
    const { id } = await queue.enqueue(QUEUE_TRAINING, 'test-double', { x: 4 });
    expect((await queue.waitFor(id, 5000)).result).toBe(8);
    await queue.close();
  });
});
