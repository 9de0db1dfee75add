import { ErrorCode, MagpieError } from '@magpie/contracts';
import { createModelEvents } from './create-model-events';
import { MemoryModelEvents } from './memory-model-events';
import type { ModelChange } from './model-events';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('MemoryModelEvents', () => {
  it('delivers a published change to every subscriber, after publish returns', async () => {
    const events = createModelEvents({ prefix: 'magpie' });
    expect(events).toBeInstanceOf(MemoryModelEvents);
    const a: ModelChange[] = [];
    const b: ModelChange[] = [];
    events.subscribe((e) => a.push(e));
    events.subscribe((e) => b.push(e));
    await events.publish({ kind: 'STATS', versionId: 7 });
    expect(a).toEqual([]);
    await nextTurn();
    expect(a).toEqual([{ kind: 'STATS', versionId: 7 }]);
    expect(b).toEqual([{ kind: 'STATS', versionId: 7 }]);
    await events.close();
  });

  it('stops delivering after unsubscribe, and one throwing handler does not stop the others', async () => {
    const errors: Error[] = [];
    const events = new MemoryModelEvents((err) => errors.push(err));
    const seen: number[] = [];
    events.subscribe(() => {
      throw new Error('handler broke');
    });
    const unsubscribe = events.subscribe((e) => seen.push(e.versionId));
    await events.publish({ kind: 'SEQUENCE', versionId: 1 });
    await nextTurn();
    unsubscribe();
    await events.publish({ kind: 'SEQUENCE', versionId: 2 });
    await nextTurn();
    expect(seen).toEqual([1]);
    expect(errors.map((e) => e.message)).toEqual(['handler broke', 'handler broke']);
    await events.close();
  });

  it('rejects malformed changes with BAD_USER_INPUT', async () => {
    const events = new MemoryModelEvents();
    const err = await events.publish({ kind: 'NOPE' as 'STATS', versionId: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MagpieError);
    expect((err as MagpieError).code).toBe(ErrorCode.BAD_USER_INPUT);
    await expect(events.publish({ kind: 'STATS', versionId: 0 })).rejects.toThrow(/invalid model change/);
    await events.close();
  });
});
