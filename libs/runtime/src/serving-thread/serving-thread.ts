import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromServingThread, ToServingThread, Transferable } from './protocol';

const THREAD_ENTRY = resolve(__dirname, 'serving-thread-entry.js');

export interface ServingThreadOptions<Init> {
  /** The thread's main module (absolute path of a .ts file that calls `serveInThread`). */
  main: string;
  /** What the thread is loaded with; asked again for every (re)start, so it can carry the latest state. */
  init: () => Transferable<Init>;
  /** What the thread serves, for messages ("sequence serving thread"). */
  name: string;
  /** How long loading may take (default 120 s). */
  startTimeoutMs?: number;
  /** Told when the thread dies unexpectedly (it is restarted on the next call). */
  warn?: (message: string) => void;
}

/**
 * A model served in a worker thread of its own: the request thread posts a call and goes on serving while
 * the thread computes, so a gateway process uses a second core. Calls are answered in order. A thread that
 * dies fails the calls in flight and is started again (with `init()` asked anew) on the next call.
 */
export class ServingThread<Init, Ready, Call, Result> {
  private readonly pending = new Map<number, { resolve(r: Result): void; reject(e: Error): void }>();
  private nextId = 1;
  private worker: Promise<Worker> | null;
  /** The thread answering now (null between a death and the restart). */
  private live: Worker | null = null;
  private disposed = false;

  private constructor(
    private readonly options: ServingThreadOptions<Init>,
    worker: Worker,
    /** What the thread answered when it was first loaded. */
    readonly ready: Ready,
  ) {
    this.worker = Promise.resolve(this.attach(worker));
  }

  /** Starts the thread and loads it; rejects (leaving no thread behind) when it cannot. */
  static async start<Init, Ready, Call, Result>(options: ServingThreadOptions<Init>): Promise<ServingThread<Init, Ready, Call, Result>> {
    const { worker, ready } = await spawn<Init, Ready>(options);
    return new ServingThread<Init, Ready, Call, Result>(options, worker, ready);
  }

  async call(call: Call, transfer: ArrayBuffer[] = []): Promise<Result> {
    if (this.disposed) throw new Error(`the ${this.options.name} was replaced`);
    // A failed restart is tried again by the next call; a thread that died meanwhile fails this one.
    const worker = await (this.worker ??= this.restart().catch((error: unknown) => {
      this.worker = null;
      throw error;
    }));
    if (this.live !== worker) throw new Error(`the ${this.options.name} exited; it restarts on the next request`);
    const id = this.nextId++;
    const result = new Promise<Result>((resolvePromise, reject) => this.pending.set(id, { resolve: resolvePromise, reject }));
    worker.postMessage({ type: 'call', id, call } satisfies ToServingThread<Init, Call>, transfer);
    return result;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const worker = this.worker;
    this.worker = null;
    void worker?.then((w) => {
      w.postMessage({ type: 'close' } satisfies ToServingThread<Init, Call>);
      setTimeout(() => void w.terminate(), 1000).unref();
    }, () => undefined);
  }

  /** The thread answering now, for tests that kill it. */
  get current(): Worker | null {
    return this.live;
  }

  private attach(worker: Worker): Worker {
    worker.on('message', (message: FromServingThread<Ready, Result>) => {
      if (message.type === 'ready' || message.id === null) return;
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.type === 'result') call?.resolve(message.result);
      else call?.reject(new Error(`${this.options.name}: ${message.message}`));
    });
    const died = (reason: string) => {
      if (this.live !== worker) return;
      this.live = null;
      this.worker = null;
      for (const call of this.pending.values()) call.reject(new Error(`${this.options.name} ${reason}`));
      this.pending.clear();
      if (!this.disposed) this.options.warn?.(`${this.options.name} ${reason}; it restarts on the next request`);
    };
    worker.on('error', (error) => died(`failed: ${error.message}`));
    worker.on('exit', (code) => died(`exited with code ${code}`));
    worker.unref();
    this.live = worker;
    return worker;
  }

  private async restart(): Promise<Worker> {
    const { worker } = await spawn<Init, Ready>(this.options);
    return this.attach(worker);
  }
}

/** A new thread, loaded (its answer to `init`). */
async function spawn<Init, Ready>(options: ServingThreadOptions<Init>): Promise<{ worker: Worker; ready: Ready }> {
  const worker = new Worker(THREAD_ENTRY, { workerData: { main: options.main } });
  try {
    const ready = await new Promise<Ready>((resolvePromise, reject) => {
      const onMessage = (message: FromServingThread<Ready, unknown>) => {
        if (message.type === 'ready') done(() => resolvePromise(message.ready));
        else if (message.type === 'failed') done(() => reject(new Error(`${options.name}: ${message.message}`)));
      };
      const onError = (error: Error) => done(() => reject(error));
      const onExit = (code: number) => done(() => reject(new Error(`the ${options.name} exited with code ${code} while loading`)));
      const timer = setTimeout(() => done(() => reject(new Error(`the ${options.name} did not load in time`))), options.startTimeoutMs ?? 120_000);
      // Only these listeners: removing all of a Worker's listeners also removes Node's own, and its messages stop.
      const done = (fn: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        fn();
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      const { value, transfer } = options.init();
      worker.postMessage({ type: 'init', init: value } satisfies ToServingThread<Init, unknown>, transfer ?? []);
    });
    return { worker, ready };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}
