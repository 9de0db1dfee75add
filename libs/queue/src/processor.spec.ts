import { z } from 'zod';
import { UnrecoverableError } from 'bullmq';
import { isPermanentJobError, PermanentJobError } from './errors';
import { createRegistry, defineJob, executeJob, parsePayload, type JobContext } from './processor';

const context = (name: string, data: unknown): JobContext<unknown> => ({
  id: 'training:1',
  name,
  data,
  attemptsMade: 0,
  updateProgress: async () => undefined,
  log: async () => undefined,
  jobs: { addFlow: () => Promise.reject(new Error('no flows here')), get: async () => null },
});

describe('defineJob / executeJob', () => {
  const registry = createRegistry(
    defineJob('scale', z.object({ x: z.number(), factor: z.number().default(10) }), async (job) => job.data.x * job.data.factor),
  );

  it('hands the processor the parsed payload, schema defaults included', async () => {
    await expect(executeJob(registry, context('scale', { x: 3 }))).resolves.toBe(30);
  });

  it('fails permanently on a payload that does not fit the schema, naming the job and the field', async () => {
    const err = await executeJob(registry, context('scale', { x: 'three' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentJobError);
    expect(err).toBeInstanceOf(UnrecoverableError);
    expect((err as Error).message).toMatch(/^invalid payload for scale[\s\S]*x/);
  });

  it('fails permanently on a job name nobody registered', async () => {
    await expect(executeJob(registry, context('nope', {}))).rejects.toThrow(PermanentJobError);
  });

  it('rejects two definitions with the same name, and does not see prototype names as jobs', async () => {
    const job = defineJob('a', z.object({}), async () => 1);
    expect(() => createRegistry(job, job)).toThrow(/defined twice/);
    expect(registry.get('constructor')).toBeUndefined();
    await expect(executeJob(registry, context('toString', {}))).rejects.toThrow(/no processor/);
  });
});

describe('parsePayload', () => {
  it('returns the parsed value or throws PermanentJobError', () => {
    const schema = z.object({ n: z.number().int() });
    expect(parsePayload(schema, { n: 2 })).toEqual({ n: 2 });
    expect(() => parsePayload(schema, { n: 2.5 }, 'count')).toThrow(/invalid payload for count/);
  });
});

describe('isPermanentJobError', () => {
  it('recognises PermanentJobError, BullMQ UnrecoverableError and errors that only kept the name', () => {
    const crossed = new Error('lost its prototype');
    crossed.name = 'PermanentJobError';
    expect([new PermanentJobError('x'), new UnrecoverableError('y'), crossed].map(isPermanentJobError)).toEqual([true, true, true]);
    expect([new Error('z'), 'text', null].map(isPermanentJobError)).toEqual([false, false, false]);
  });
});
