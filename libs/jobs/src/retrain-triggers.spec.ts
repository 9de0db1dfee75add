import { JOB_TRAIN_SEQUENCE, JOB_TRAIN_STATS, type ModelKind, type ModelVersion } from '@magpie/contracts';
import { createRegistry, defineJob, InlineJobQueue, type JobSchedule, type JobSchedules } from '@magpie/queue';
import { z } from 'zod';
import { applyRetrainSchedules, autoRetrainJobId, RetrainTriggers } from './retrain-triggers';

/** A shop: events with times, versions created by the (fake) training jobs when they start. */
function shop() {
  let now = 1_000;
  const events: number[] = [];
  const versions: ModelVersion[] = [];
  const trainings: ModelKind[] = [];
  const train = (kind: ModelKind) => async () => {
    trainings.push(kind);
    versions.push({
      id: versions.length + 1, kind, status: 'active', config: {}, metrics: {}, artifactId: null, jobId: null, createdAt: new Date(++now), promotedAt: null,
    });
    return null;
  };
  const registry = createRegistry(defineJob(JOB_TRAIN_STATS, z.object({}), train('STATS')), defineJob(JOB_TRAIN_SEQUENCE, z.object({}), train('SEQUENCE')));
  const queue = new InlineJobQueue({ registry });
  return {
    queue,
    trainings,
    record: (n: number) => {
      for (let i = 0; i < n; i++) events.push(++now);
    },
    deps: {
      events: { countSince: async (since: Date) => events.filter((ts) => ts >= since.getTime()).length },
      versions: {
        list: async ({ kind, first }: { kind?: ModelKind; first: number }) => versions.filter((v) => v.kind === kind).reverse().slice(0, first),
      },
      queue,
    },
  };
}

describe('RetrainTriggers', () => {
  it('enqueues a retrain once the events since the last training pass the threshold, once per version', async () => {
    const s = shop();
    const triggers = new RetrainTriggers(s.deps, { kinds: ['STATS'], newEventsThreshold: 100, checkEveryMs: 60_000 });
    s.record(99);
    expect(await triggers.check()).toEqual([{ kind: 'STATS', lastVersionId: null, newEvents: 99, job: null }]);
    s.record(1);
    const [first] = await triggers.check();
    expect(first.job?.id).toBe(`training:${autoRetrainJobId('STATS', null)}`);
    const [again] = await triggers.check(); // checked again before the training ran: the same job
    expect(again.job?.id).toBe(first.job!.id);
    await s.queue.waitFor(first.job!.id, 5000);
    await triggers.check(); // after it finished: still the same id (the version it made counts from now)
    expect(s.trainings).toEqual(['STATS']);

    const [afterTraining] = await triggers.check();
    expect(afterTraining).toMatchObject({ lastVersionId: 1, newEvents: 0, job: null });
    s.record(150);
    const [next] = await triggers.check();
    expect(next.job?.id).toBe(`training:${autoRetrainJobId('STATS', 1)}`);
    await s.queue.waitFor(next.job!.id, 5000);
    expect(s.trainings).toEqual(['STATS', 'STATS']);
    await s.queue.close();
  });

  it('counts per kind from that kind\'s own last training', async () => {
    const s = shop();
    const triggers = new RetrainTriggers(s.deps, { kinds: ['STATS', 'SEQUENCE'], newEventsThreshold: 10, checkEveryMs: 60_000 });
    s.record(10);
    const first = await triggers.check();
    await Promise.all(first.map((c) => s.queue.waitFor(c.job!.id, 5000)));
    s.record(5);
    const checks = await triggers.check();
    expect(checks.map((c) => [c.kind, c.newEvents])).toEqual([['STATS', 5], ['SEQUENCE', 5]]);
    expect(s.trainings.sort()).toEqual(['SEQUENCE', 'STATS']);
    await s.queue.close();
  });

  it('never triggers with the threshold at 0 (off), and start() then sets no timer', async () => {
    const s = shop();
    const triggers = new RetrainTriggers(s.deps, { kinds: ['STATS'], newEventsThreshold: 0, checkEveryMs: 100 });
    s.record(10_000);
    expect((await triggers.check())[0].job).toBeNull();
    triggers.start();
    await new Promise((r) => setTimeout(r, 250));
    await triggers.stop();
    expect(s.trainings).toEqual([]);
    await s.queue.close();
  });

  it('checks on its timer once started', async () => {
    const s = shop();
    const triggers = new RetrainTriggers(s.deps, { kinds: ['STATS'], newEventsThreshold: 5, checkEveryMs: 100 });
    s.record(5);
    triggers.start();
    for (let i = 0; i < 40 && s.trainings.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await triggers.stop();
    expect(s.trainings).toEqual(['STATS']);
    await s.queue.close();
  });
});

describe('applyRetrainSchedules', () => {
  const recorder = () => {
    const calls: string[] = [];
    const schedules: JobSchedules = {
      upsert: async (s: JobSchedule) => void calls.push(`upsert ${s.queue}/${s.id} ${s.name} ${s.cron ?? `every ${s.everyMs}`}`),
      remove: async (queue, id) => (calls.push(`remove ${queue}/${id}`), true),
      ids: async () => [],
      close: async () => undefined,
    };
    return { calls, schedules };
  };

  it('schedules the configured kinds\' training jobs and removes the others\' schedules', async () => {
    const { calls, schedules } = recorder();
    await applyRetrainSchedules(schedules, { kinds: ['STATS', 'LONGTAIL'], scheduleCron: '0 3 * * *', scheduleEveryMs: 0 });
    expect(calls).toContain('upsert training/retrain-schedule-STATS train-stats 0 3 * * *');
    expect(calls).toContain('upsert longtail/retrain-schedule-LONGTAIL longtail-generate 0 3 * * *');
    expect(calls).toContain('remove training/retrain-schedule-SEQUENCE');
    expect(calls.filter((c) => c.startsWith('upsert'))).toHaveLength(2);
  });

  it('removes every schedule when none is configured (turning it off works)', async () => {
    const { calls, schedules } = recorder();
    await applyRetrainSchedules(schedules, { kinds: ['STATS'], scheduleEveryMs: 0 });
    expect(calls.every((c) => c.startsWith('remove'))).toBe(true);
    expect(calls).toContain('remove training/retrain-schedule-STATS');
  });

  it('uses the interval when no cron is given', async () => {
    const { calls, schedules } = recorder();
    await applyRetrainSchedules(schedules, { kinds: ['SEQUENCE'], scheduleEveryMs: 3_600_000 });
    expect(calls).toContain('upsert training/retrain-schedule-SEQUENCE train-sequence every 3600000');
  });
});
