import { MicroBatcher } from './micro-batcher';

const tick = () => new Promise((r) => setImmediate(r));

describe('MicroBatcher', () => {
  it('runs the calls of one event-loop turn as one batch, answering each its own output', async () => {
    const runs: number[][] = [];
    const batcher = new MicroBatcher<number, number>((xs) => (runs.push(xs), xs.map((x) => x * 10)));
    const answers = await Promise.all([1, 2, 3].map((x) => batcher.submit(x)));
    expect(answers).toEqual([10, 20, 30]);
    expect(runs).toEqual([[1, 2, 3]]);
    expect(await batcher.submit(4)).toBe(40);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('rejects every call of a batch whose run throws, and goes on with the next batch', async () => {
    let fail = true;
    const batcher = new MicroBatcher<number, number>((xs) => {
      if (fail) throw new Error('model failed');
      return xs;
    });
    const failed = [batcher.submit(1), batcher.submit(2)].map((p) => p.catch((e: Error) => e.message));
    expect(await Promise.all(failed)).toEqual(['model failed', 'model failed']);
    fail = false;
    expect(await batcher.submit(3)).toBe(3);
  });

  it('keeps one asynchronous batch in flight: calls made meanwhile go together in the next one, started when it is answered', async () => {
    const runs: number[][] = [];
    const answer: Array<() => void> = [];
    const batcher = new MicroBatcher<number, number>((xs) => {
      runs.push(xs);
      return new Promise((resolve) => answer.push(() => resolve(xs.map((x) => -x))));
    });
    const first = batcher.submit(1);
    await tick();
    expect(runs).toEqual([[1]]);
    const later = [2, 3].map((x) => batcher.submit(x));
    await tick();
    await tick();
    const more = batcher.submit(4);
    await tick();
    expect(runs).toEqual([[1]]); // still waiting for the first answer
    answer[0]();
    expect(await first).toBe(-1);
    await tick();
    await tick();
    expect(runs).toEqual([[1], [2, 3, 4]]);
    answer[1]();
    expect(await Promise.all([...later, more])).toEqual([-2, -3, -4]);
  });

  it('keeps up to maxInFlight asynchronous batches out', async () => {
    const runs: number[][] = [];
    const answer: Array<() => void> = [];
    const batcher = new MicroBatcher<number, number>((xs) => {
      runs.push(xs);
      return new Promise((resolve) => answer.push(() => resolve(xs)));
    }, 2);
    const calls = [batcher.submit(1)];
    await tick();
    calls.push(batcher.submit(2));
    await tick();
    calls.push(batcher.submit(3), batcher.submit(4));
    await tick();
    expect(runs).toEqual([[1], [2]]); // two out: 3 and 4 wait
    answer[1]();
    await tick();
    await tick();
    expect(runs).toEqual([[1], [2], [3, 4]]);
    answer[0]();
    answer[2]();
    expect(await Promise.all(calls)).toEqual([1, 2, 3, 4]);
  });

  it('rejects the calls of an asynchronous batch that fails and still runs the calls queued behind it', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<number, number>(async (xs) => {
      calls += 1;
      if (calls === 1) throw new Error('thread died');
      return xs;
    });
    const first = batcher.submit(1).catch((e: Error) => e.message);
    await tick();
    const queued = batcher.submit(2);
    expect(await first).toBe('thread died');
    expect(await queued).toBe(2);
  });
});
