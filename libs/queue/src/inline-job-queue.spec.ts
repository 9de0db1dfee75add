import { z } from 'zod';
import { QUEUE_LONGTAIL, QUEUE_TRAINING } from '@magpie/contracts';
import { InlineJobQueue } from './inline-job-queue';
import { createRegistry, defineJob } from './processor';
import { Gate } from './testing/gate';
import { describeJobQueueContract } from './testing/job-queue-contract';

describeJobQueueContract('InlineJobQueue', async (registry, { backoffMs }) => {
  const queue = new InlineJobQueue({ registry, backoffMs });
  return { queue, close: () => queue.close() };
});

describe('InlineJobQueue', () => {
  const tracked = () => {
    const events: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const gates = new Map<number, Gate>();
    const gate = (n: number) => gates.get(n) ?? gates.set(n, new Gate()).get(n)!;
    const registry = createRegistry(
      defineJob('step', z.object({ n: z.number() }), async (job) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        events.push(`start ${job.data.n}`);
        await gate(job.data.n).wait();
        events.push(`end ${job.data.n}`);
        running -= 1;
        return job.data.n;
      }),
    );
    return { registry, events, gate, maxRunning: () => maxRunning };
  };

  it('never runs a processor inside the enqueue call', async () => {
    const t = tracked();
    const queue = new InlineJobQueue({ registry: t.registry });
    const pending = queue.enqueue(QUEUE_TRAINING, 'step', { n: 1 });
    expect(t.events).toEqual([]);
    const status = await pending;
    expect(status.state).toBe('waiting');
    t.gate(1).open();
    expect((await queue.waitFor(status.id, 1000)).result).toBe(1);
    await queue.close();
  });

  it('runs one job at a time per queue, in order, while other queues run alongside', async () => {
    const t = tracked();
    const queue = new InlineJobQueue({ registry: t.registry });
    const a = await queue.enqueue(QUEUE_TRAINING, 'step', { n: 1 });
    const b = await queue.enqueue(QUEUE_TRAINING, 'step', { n: 2 });
    const c = await queue.enqueue(QUEUE_LONGTAIL, 'step', { n: 3 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(t.events.sort()).toEqual(['start 1', 'start 3']);
    expect((await queue.get(b.id))?.state).toBe('waiting');
    t.gate(2).open();
    t.gate(3).open();
    t.gate(1).open();
    await Promise.all([a, b, c].map((s) => queue.waitFor(s.id, 1000)));
    expect(t.events.filter((e) => /[12]$/.test(e))).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    expect(t.maxRunning()).toBe(2);
    await queue.close();
  });

  it('keeps a bounded history, dropping the oldest finished jobs first', async () => {
    const t = tracked();
    for (const n of [1, 2, 3, 4, 5]) t.gate(n).open();
    const queue = new InlineJobQueue({ registry: t.registry, historyLimit: 3 });
    const ids: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) {
      const { id } = await queue.enqueue(QUEUE_TRAINING, 'step', { n });
      ids.push(id);
      await queue.waitFor(id, 1000);
    }
    expect(await Promise.all(ids.map(async (id) => (await queue.get(id))?.result ?? null))).toEqual([null, null, 3, 4, 5]);
    expect((await queue.counts()).training.completed).toBe(3);
    await queue.close();
  });

  it('hands processors a copy of the payload, as Redis would', async () => {
    const seen: unknown[] = [];
    const registry = createRegistry(
      defineJob('echo', z.object({ tags: z.array(z.string()) }), async (job) => {
        seen.push(job.data);
        return job.data;
      }),
    );
    const queue = new InlineJobQueue({ registry });
    const payload = { tags: ['a'] };
    const { id } = await queue.enqueue(QUEUE_TRAINING, 'echo', payload);
    payload.tags.push('changed later');
    expect((await queue.waitFor(id, 1000)).result).toEqual({ tags: ['a'] });
    await queue.close();
  });

  it('runs a flow in a lane of its own: a job of the queue that waits for its flow does not block it', async () => {
    const order: string[] = [];
    const registry = createRegistry(
      defineJob('fan-out', z.object({}), async (job) => {
        order.push('fan-out');
        const flow = await job.jobs.addFlow({
          queue: QUEUE_LONGTAIL,
          parent: { name: 'leaf', payload: { n: 0 } },
          children: [1, 2, 3].map((n) => ({ name: 'leaf', payload: { n } })),
        });
        for (;;) {
          const parent = await job.jobs.get(flow.parent.id);
          if (parent?.state === 'completed') return parent.result;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }),
      defineJob('leaf', z.object({ n: z.number() }), async (job) => {
        order.push(`leaf ${job.data.n}`);
        return job.data.n;
      }),
    );
    const queue = new InlineJobQueue({ registry });
    const { id } = await queue.enqueue(QUEUE_LONGTAIL, 'fan-out', {});
    const done = await queue.waitFor(id, 2000);
    expect(done).toMatchObject({ state: 'completed', result: 0 });
    // Children one at a time in order, then the parent.
    expect(order).toEqual(['fan-out', 'leaf 1', 'leaf 2', 'leaf 3', 'leaf 0']);
    await queue.close();
  });

  it('on close, fails an unfinished flow, so a job following it ends instead of holding close() up', async () => {
    const registry = createRegistry(
      defineJob('follow', z.object({}), async (job) => {
        const flow = await job.jobs.addFlow({ queue: QUEUE_LONGTAIL, parent: { name: 'slow', payload: {} }, children: [{ name: 'slow', payload: {} }] });
        for (;;) {
          const parent = await job.jobs.get(flow.parent.id);
          if (parent?.state === 'failed') return parent.failedReason;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      }),
      defineJob('slow', z.object({}), () => new Promise((resolve) => setTimeout(resolve, 50))),
    );
    const queue = new InlineJobQueue({ registry });
    const { id } = await queue.enqueue(QUEUE_LONGTAIL, 'follow', {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    await queue.close();
    expect(await queue.get(id)).toMatchObject({ state: 'completed', result: 'the job queue closed before the flow finished' });
  });

  it('on close, waits for the running job, rejects pending waits and refuses new jobs', async () => {
    const t = tracked();
    const queue = new InlineJobQueue({ registry: t.registry });
    const first = await queue.enqueue(QUEUE_TRAINING, 'step', { n: 1 });
    const second = await queue.enqueue(QUEUE_TRAINING, 'step', { n: 2 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const waitSecond = queue.waitFor(second.id, 5000);
    const closing = queue.close();
    t.gate(1).open();
    await closing;
    await expect(waitSecond).rejects.toThrow(/closed/);
    expect((await queue.get(first.id))?.state).toBe('completed');
    expect((await queue.get(second.id))?.state).toBe('waiting');
    await expect(queue.enqueue(QUEUE_TRAINING, 'step', { n: 3 })).rejects.toThrow(/closed/);
  });
});
