import { resolve } from 'node:path';
import { ServingThread } from './serving-thread';

type Counter = ServingThread<{ start: number; fail?: boolean }, { loadedWith: number }, { add: number }, { total: number }>;
const MAIN = resolve(__dirname, 'testing/counter-thread-main.ts');

describe('ServingThread', () => {
  it('loads the thread, answers calls in the order they are made, and a failing call fails only itself', async () => {
    const thread: Counter = await ServingThread.start({ main: MAIN, name: 'counter thread', init: () => ({ value: { start: 10 } }) });
    try {
      expect(thread.ready).toEqual({ loadedWith: 10 });
      const answers = await Promise.all([1, 2, 3].map((add) => thread.call({ add })));
      expect(answers.map((a) => a.total)).toEqual([11, 13, 16]);
      await expect(thread.call({ add: -1 })).rejects.toThrow(/counter thread: cannot add -1/);
      expect((await thread.call({ add: 4 })).total).toBe(20);
    } finally {
      thread.dispose();
    }
  });

  it('restarts a thread that died on the next call, asking `init` anew (so it can carry the latest state)', async () => {
    let starts = 0;
    const warnings: string[] = [];
    const thread: Counter = await ServingThread.start({ main: MAIN, name: 'counter thread', init: () => ({ value: { start: 100 * ++starts } }), warn: (m) => warnings.push(m) });
    try {
      expect((await thread.call({ add: 1 })).total).toBe(101);
      const inFlight = thread.call({ add: 1 });
      await thread.current?.terminate();
      await expect(inFlight).rejects.toThrow(/counter thread exited/);
      expect(warnings.join('\n')).toMatch(/counter thread exited with code \d+; it restarts on the next request/);
      expect((await thread.call({ add: 5 })).total).toBe(205);
      expect(starts).toBe(2);
    } finally {
      thread.dispose();
    }
  });

  it('rejects a thread that cannot load, and refuses calls once disposed', async () => {
    await expect(ServingThread.start({ main: MAIN, name: 'counter thread', init: () => ({ value: { start: 0, fail: true } }) })).rejects.toThrow(/counter thread: cannot load/);
    const thread: Counter = await ServingThread.start({ main: MAIN, name: 'counter thread', init: () => ({ value: { start: 0 } }) });
    thread.dispose();
    await expect(thread.call({ add: 1 })).rejects.toThrow(/counter thread was replaced/);
  });
});
