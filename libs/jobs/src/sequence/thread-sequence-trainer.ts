import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EpochReport } from '@magpie/ml';
import { TrainingInterruptedError, type SequenceTrainer, type SequenceTrainOutcome, type SequenceTrainRequest } from './sequence-trainer';
import type { TrainingThreadInput, TrainingThreadMessage } from './training-thread-messages';

/** The module of the real models (see ml-sequence-module.ts). */
export const ML_SEQUENCE_MODULE = resolve(__dirname, 'ml-sequence-module.ts');
const THREAD_ENTRY = resolve(__dirname, 'training-thread.js');

export interface ThreadSequenceTrainerOptions {
  /** Module exporting `fitSequenceModel` (and optionally `initCompute`); default: @magpie/ml. */
  module?: string;
  /** Compute backend asked of `initCompute` (config `ml.backend`). */
  backend?: TrainingThreadInput['backend'];
  /** Data-parallel threads per training (config `ml.trainingThreads`), unless the request sets its own. */
  threads?: number;
}

/**
 * Trains each request in its own worker thread, so the CPU-heavy loop never blocks the event loop
 * that renews job locks and serves requests. Epoch reports come back as they happen; the saved
 * model comes back as transferred bytes. A thread that dies, or `close()`, rejects the run with
 * `TrainingInterruptedError`.
 */
export class ThreadSequenceTrainer implements SequenceTrainer {
  private readonly running = new Set<Worker>();
  private closed = false;

  constructor(private readonly options: ThreadSequenceTrainerOptions = {}) {}

  train(request: SequenceTrainRequest, onEpoch: (report: EpochReport) => void | Promise<void>): Promise<SequenceTrainOutcome> {
    if (this.closed) return Promise.reject(new TrainingInterruptedError('the trainer is shutting down'));
    const withThreads = this.options.threads === undefined ? request : { ...request, options: { threads: this.options.threads, ...request.options } };
    const input: TrainingThreadInput = { module: this.options.module ?? ML_SEQUENCE_MODULE, backend: this.options.backend ?? 'auto', request: withThreads };
    const worker = new Worker(THREAD_ENTRY, { workerData: input });
    this.running.add(worker);
    return new Promise<SequenceTrainOutcome>((resolvePromise, reject) => {
      let settled = false;
      let progress: Promise<void> = Promise.resolve();
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.running.delete(worker);
        fn();
      };
      let finished = false; // 'done' arrived: the exit that follows is expected
      worker.on('message', (message: TrainingThreadMessage) => {
        if (message.type === 'epoch') {
          progress = progress.then(() => onEpoch(message.report)).catch(() => undefined);
        } else if (message.type === 'done') {
          finished = true;
          void progress.then(() => settle(() => resolvePromise(message.outcome)));
        } else {
          settle(() => reject(new Error(`sequence training failed: ${message.message}`)));
        }
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => {
        if (!finished) settle(() => reject(new TrainingInterruptedError(`training thread exited with code ${code}`)));
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.running].map((w) => w.terminate()));
  }
}
