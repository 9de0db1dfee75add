import { z } from 'zod';
import { BullJobQueue } from './bull-job-queue';
import { createJobQueue } from './create-job-queue';
import { InlineJobQueue } from './inline-job-queue';
import { createRegistry, defineJob } from './processor';

describe('createJobQueue', () => {
  const registry = createRegistry(defineJob('noop', z.object({}), async () => null));

  it('runs jobs inline without a Redis URL, and then needs the registry', async () => {
    const queue = createJobQueue({ redis: { prefix: 'magpie' }, registry });
    expect(queue).toBeInstanceOf(InlineJobQueue);
    await queue.close();
    expect(() => createJobQueue({ redis: { prefix: 'magpie' } })).toThrow(/registry/);
  });

  it('uses BullMQ when a Redis URL is set (connecting only on first use)', async () => {
    const queue = createJobQueue({ redis: { url: 'redis://127.0.0.1:6379', prefix: 'magpie-unit' } });
    expect(queue).toBeInstanceOf(BullJobQueue);
    await queue.close();
  });
});
