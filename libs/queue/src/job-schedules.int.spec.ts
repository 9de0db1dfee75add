import { QUEUE_TRAINING } from '@magpie/contracts';
import { startWorker } from './bull-worker';
import { describeJobSchedulesContract, tickRegistry } from './job-schedules.contract';
import { BullJobSchedules } from './job-schedules';
import { countRedisKeys, deleteRedisKeys, testRedisConfig } from './testing/redis-test-config';

describeJobSchedulesContract('BullMQ job schedulers on Redis', async (runs) => {
  const redis = testRedisConfig(process.env);
  const worker = startWorker({ redis, queue: QUEUE_TRAINING, registry: tickRegistry(runs) });
  await worker.worker.waitUntilReady();
  return {
    schedules: new BullJobSchedules(redis),
    close: async () => {
      await worker.close();
      await deleteRedisKeys(redis);
    },
  };
});

describe('BullJobSchedules', () => {
  it('stores a cron schedule under the prefix, where another process sees it', async () => {
    const redis = testRedisConfig(process.env);
    const a = new BullJobSchedules(redis);
    const b = new BullJobSchedules(redis);
    try {
      await a.upsert({ id: 'nightly-stats', queue: QUEUE_TRAINING, name: 'train-stats', payload: {}, cron: '0 3 * * *' });
      expect(await b.ids(QUEUE_TRAINING)).toEqual(['nightly-stats']);
      expect(await countRedisKeys(redis)).toBeGreaterThan(0);
      expect(await b.remove(QUEUE_TRAINING, 'nightly-stats')).toBe(true);
      expect(await a.ids(QUEUE_TRAINING)).toEqual([]);
    } finally {
      await a.close();
      await b.close();
      await deleteRedisKeys(redis);
    }
  });
});
