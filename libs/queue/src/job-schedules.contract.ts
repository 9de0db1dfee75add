import { z } from 'zod';
import { ErrorCode, QUEUE_TRAINING } from '@magpie/contracts';
import type { JobSchedules } from './job-schedules';
import { createRegistry, defineJob, type ProcessorRegistry } from './processor';

/** A registry whose one job records when it ran; `runs` is shared with the test. */
export function tickRegistry(runs: Array<{ at: number; payload: unknown }>): ProcessorRegistry {
  return createRegistry(
    defineJob('test-tick', z.object({ n: z.number() }), async (job) => {
      runs.push({ at: Date.now(), payload: job.data });
      return null;
    }),
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The behaviour both JobSchedules show; `factory(runs)` wires schedules over a queue that runs `tickRegistry(runs)`. */
export function describeJobSchedulesContract(
  name: string,
  factory: (runs: Array<{ at: number; payload: unknown }>) => Promise<{ schedules: JobSchedules; close: () => Promise<void> }>,
): void {
  describe(`JobSchedules contract: ${name}`, () => {
    let runs: Array<{ at: number; payload: unknown }>;
    let schedules: JobSchedules;
    let close: () => Promise<void>;
    beforeEach(async () => {
      runs = [];
      ({ schedules, close } = await factory(runs));
    });
    afterEach(async () => {
      await schedules.close();
      await close();
    });

    it('runs the job every period, first one period after the upsert, until removed', async () => {
      const started = Date.now();
      await schedules.upsert({ id: 'tick', queue: QUEUE_TRAINING, name: 'test-tick', payload: { n: 1 }, everyMs: 400 });
      expect(await schedules.ids(QUEUE_TRAINING)).toEqual(['tick']);
      await sleep(250);
      expect(runs).toEqual([]);
      for (let i = 0; i < 60 && runs.length < 2; i++) await sleep(50);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs[0].at - started).toBeGreaterThanOrEqual(350);
      expect(runs[0].payload).toEqual({ n: 1 });
      expect(await schedules.remove(QUEUE_TRAINING, 'tick')).toBe(true);
      expect(await schedules.ids(QUEUE_TRAINING)).toEqual([]);
      await sleep(300); // a run already due may still finish
      const after = runs.length;
      await sleep(900);
      expect(runs.length).toBe(after);
      expect(await schedules.remove(QUEUE_TRAINING, 'tick')).toBe(false);
    }, 15_000);

    it('replaces a schedule upserted again under the same id (one producer, the new payload)', async () => {
      await schedules.upsert({ id: 'tick', queue: QUEUE_TRAINING, name: 'test-tick', payload: { n: 1 }, everyMs: 300 });
      await schedules.upsert({ id: 'tick', queue: QUEUE_TRAINING, name: 'test-tick', payload: { n: 2 }, everyMs: 300 });
      expect(await schedules.ids(QUEUE_TRAINING)).toEqual(['tick']);
      await sleep(1650); // ~5 periods: one producer makes at most 5 runs, two would make ~10
      expect(runs.length).toBeGreaterThanOrEqual(2);
      expect(runs.length).toBeLessThanOrEqual(6);
      expect(runs.every((r) => (r.payload as { n: number }).n === 2)).toBe(true);
    }, 15_000);

    it('rejects a schedule with both or neither of everyMs and cron', async () => {
      await expect(schedules.upsert({ id: 'x', queue: QUEUE_TRAINING, name: 'test-tick', payload: {}, everyMs: 10, cron: '* * * * *' })).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
      });
      await expect(schedules.upsert({ id: 'x', queue: QUEUE_TRAINING, name: 'test-tick', payload: {} })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    });
  });
}
