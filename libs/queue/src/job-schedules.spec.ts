import { ErrorCode, QUEUE_TRAINING } from '@magpie/contracts';
import { InlineJobQueue } from './inline-job-queue';
import { describeJobSchedulesContract, tickRegistry } from './job-schedules.contract';
import { InlineJobSchedules } from './job-schedules';

describeJobSchedulesContract('inline timers', async (runs) => {
  const queue = new InlineJobQueue({ registry: tickRegistry(runs) });
  return { schedules: new InlineJobSchedules(queue), close: () => queue.close() };
});

describe('InlineJobSchedules', () => {
  it('takes no cron pattern (that needs Redis)', async () => {
    const queue = new InlineJobQueue({ registry: tickRegistry([]) });
    const schedules = new InlineJobSchedules(queue);
    await expect(schedules.upsert({ id: 'nightly', queue: QUEUE_TRAINING, name: 'test-tick', payload: { n: 1 }, cron: '0 3 * * *' })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringContaining('Redis'),
    });
    await schedules.close();
    await queue.close();
  });
});
