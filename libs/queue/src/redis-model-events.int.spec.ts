import { createModelEvents } from './create-model-events';
import type { ModelChange } from './model-events';
import { createRedis } from './redis';
import { modelEventsChannel, RedisModelEvents } from './redis-model-events';
import { eventually } from './testing/gate';
import { countRedisKeys, testRedisConfig } from './testing/redis-test-config';

describe('RedisModelEvents', () => {
  const redis = testRedisConfig(process.env);
  const opened: RedisModelEvents[] = [];
  const open = async (onError?: (err: Error) => void) => {
    const events = createModelEvents(redis, onError);
    expect(events).toBeInstanceOf(RedisModelEvents);
    opened.push(events as RedisModelEvents);
    await (events as RedisModelEvents).ready();
    return events as RedisModelEvents;
  };

  const closeAll = () => Promise.all(opened.splice(0).map((e) => e.close()));
  afterEach(closeAll);

  afterAll(async () => {
    await closeAll();
    // Pub/sub leaves no keys behind.
    expect(await countRedisKeys(redis)).toBe(0);
  });

  it('delivers a change published by one process to subscribers in another', async () => {
    const gateway = await open();
    const worker = await open();
    const seen: ModelChange[] = [];
    gateway.subscribe((e) => seen.push(e));
    await worker.publish({ kind: 'LONGTAIL', versionId: 12 });
    expect(await eventually(async () => (seen.length > 0 ? seen : undefined))).toEqual([{ kind: 'LONGTAIL', versionId: 12 }]);
  });

  it('uses "<prefix>:model-events" and drops malformed messages, reporting them', async () => {
    const errors: Error[] = [];
    const gateway = await open((err) => errors.push(err));
    const seen: number[] = [];
    gateway.subscribe((e) => seen.push(e.versionId));
    const raw = createRedis(redis.url);
    await raw.publish(modelEventsChannel(redis.prefix), 'not json');
    await raw.publish(modelEventsChannel(redis.prefix), JSON.stringify({ kind: 'STATS', versionId: -1 }));
    await raw.publish(modelEventsChannel(redis.prefix), JSON.stringify({ kind: 'STATS', versionId: 3 }));
    await raw.publish(modelEventsChannel('some-other-prefix'), JSON.stringify({ kind: 'STATS', versionId: 4 }));
    await raw.quit();
    await eventually(async () => (seen.length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual([3]);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/not JSON/),
      expect.stringMatching(/malformed/),
    ]);
  });
});
