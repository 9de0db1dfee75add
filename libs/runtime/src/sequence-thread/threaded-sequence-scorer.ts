import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ComputeBackendChoice, SequenceModelConfig } from '@magpie/ml';
import type { ScoredHistory, SequenceScoring } from '@magpie/recommendation';
import type { FromScoringThread, ToScoringThread } from './protocol';

const THREAD_ENTRY = resolve(__dirname, 'scoring-thread-entry.js');

export interface ThreadedScorerOptions {
  backend: ComputeBackendChoice;
  annThreshold: number;
  prefixCacheSize?: number;
  /** How long the thread may take to load TensorFlow.js and the model (default 120 s). */
  startTimeoutMs?: number;
  /** Told when the thread dies unexpectedly (it is restarted on the next call). */
  warn?: (message: string) => void;
}

type Scored = Extract<FromScoringThread, { type: 'scored' }>;

/**
 * Sequence scoring in a worker thread of its own (its own TensorFlow.js instance, the model loaded from
 * its saved bytes): the request thread hands over a batch of histories and goes on serving while the
 * thread runs the forward pass and the item search, so a gateway process uses a second core. A thread
 * that dies fails the calls in flight and is started again, from the same bytes, on the next call.
 */
export class ThreadedSequenceScorer implements SequenceScoring {
  private readonly pending = new Map<number, { resolve(s: Scored): void; reject(e: Error): void }>();
  private nextId = 1;
  private worker: Promise<Worker> | null;
  /** The thread answering now (null between a death and the restart). */
  private live: Worker | null = null;
  private disposed = false;

  private constructor(
    private readonly model: Uint8Array,
    private readonly options: ThreadedScorerOptions,
    worker: Worker,
    readonly config: SequenceModelConfig,
    private readonly embeddings: Float32Array,
    readonly description: string,
  ) {
    this.worker = Promise.resolve(this.attach(worker));
  }

  /** Starts the thread and loads the model there; rejects when it cannot. */
  static async start(model: Uint8Array, options: ThreadedScorerOptions): Promise<ThreadedSequenceScorer> {
    const { worker, ready } = await spawn(model, options);
    return new ThreadedSequenceScorer(model, options, worker, ready.config, ready.embeddings, ready.description);
  }

  itemEmbeddings(): Float32Array {
    return this.embeddings;
  }

  async score(histories: readonly Int32Array[], fetch: number): Promise<ScoredHistory[]> {
    if (this.disposed) throw new Error('the sequence model was replaced');
    // A failed restart is tried again by the next call; a thread that died meanwhile fails this one.
    const worker = await (this.worker ??= this.restart().catch((error: unknown) => {
      this.worker = null;
      throw error;
    }));
    if (this.live !== worker) throw new Error('the serving thread exited; it restarts on the next request');
    const lengths = Int32Array.from(histories, (h) => h.length);
    const indices = new Int32Array(lengths.reduce((n, l) => n + l, 0));
    histories.reduce((at, h) => (indices.set(h, at), at + h.length), 0);
    const id = this.nextId++;
    const scored = new Promise<Scored>((resolvePromise, reject) => this.pending.set(id, { resolve: resolvePromise, reject }));
    worker.postMessage({ type: 'score', id, indices, lengths, fetch } satisfies ToScoringThread, [indices.buffer, lengths.buffer]);
    return unpack(await scored, histories, this.config.dim, fetch);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    const worker = this.worker;
    this.worker = null;
    void worker?.then((w) => {
      w.postMessage({ type: 'close' } satisfies ToScoringThread);
      setTimeout(() => void w.terminate(), 1000).unref();
    }, () => undefined);
  }

  private attach(worker: Worker): Worker {
    worker.on('message', (message: FromScoringThread) => {
      if (message.type === 'ready' || message.id === null) return;
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.type === 'scored') call?.resolve(message);
      else call?.reject(new Error(`serving thread: ${message.message}`));
    });
    const died = (reason: string) => {
      if (this.live !== worker) return;
      this.live = null;
      this.worker = null;
      for (const call of this.pending.values()) call.reject(new Error(`serving thread ${reason}`));
      this.pending.clear();
      if (!this.disposed) this.options.warn?.(`sequence serving thread ${reason}; it restarts on the next request`);
    };
    worker.on('error', (error) => died(`failed: ${error.message}`));
    worker.on('exit', (code) => died(`exited with code ${code}`));
    worker.unref();
    this.live = worker;
    return worker;
  }

  private async restart(): Promise<Worker> {
    const { worker } = await spawn(this.model, this.options);
    return this.attach(worker);
  }
}

/** A new serving thread with the model loaded (its answer to `init`). */
async function spawn(model: Uint8Array, options: ThreadedScorerOptions): Promise<{ worker: Worker; ready: Extract<FromScoringThread, { type: 'ready' }> }> {
  const worker = new Worker(THREAD_ENTRY);
  try {
    const ready = await new Promise<Extract<FromScoringThread, { type: 'ready' }>>((resolvePromise, reject) => {
      const onMessage = (message: FromScoringThread) => {
        if (message.type === 'ready') done(() => resolvePromise(message));
        else if (message.type === 'failed') done(() => reject(new Error(`serving thread: ${message.message}`)));
      };
      const onError = (error: Error) => done(() => reject(error));
      const onExit = (code: number) => done(() => reject(new Error(`the serving thread exited with code ${code} while loading`)));
      const timer = setTimeout(() => done(() => reject(new Error('the serving thread did not load the model in time'))), options.startTimeoutMs ?? 120_000);
      // Only these listeners: removing all of a Worker's listeners also removes Node's own, and its messages stop.
      const done = (fn: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        fn();
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      const { backend, annThreshold, prefixCacheSize } = options;
      // A copy: the caller keeps its bytes (they restart the thread if it dies).
      worker.postMessage({ type: 'init', model: model.slice(), backend, annThreshold, prefixCacheSize } satisfies ToScoringThread);
    });
    return { worker, ready };
  } catch (error) {
    await worker.terminate();
    throw error;
  }
}

/** The thread's flat answer as one `ScoredHistory` per history. */
function unpack({ vectors, weights, found, scores, counts }: Scored, histories: readonly Int32Array[], dim: number, fetch: number): ScoredHistory[] {
  let at = 0;
  return histories.map((h, b) => {
    const out = {
      vector: vectors.subarray(b * dim, (b + 1) * dim),
      weights: weights.subarray(at, at + h.length),
      found: found.subarray(b * fetch, b * fetch + counts[b]),
      scores: scores.subarray(b * fetch, b * fetch + counts[b]),
    };
    at += h.length;
    return out;
  });
}
