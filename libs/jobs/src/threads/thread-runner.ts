import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { TrainingInterruptedError, type ThreadTaskInput, type ThreadTaskMessage } from './thread-task';

const THREAD_ENTRY = resolve(__dirname, 'thread-entry.js');

/**
 * Runs each task in its own worker thread, so a CPU-heavy loop (model training) never blocks the
 * event loop that renews job locks and serves requests. Reports come back as they happen (handled in
 * order); the result comes back when the task is done (large buffers transferred, not copied). A
 * thread that dies, or `close()`, rejects the run with `TrainingInterruptedError`.
 */
export class ThreadRunner {
  private readonly running = new Set<Worker>();
  private closed = false;

  /** Runs the `runThreadTask` export of module `task` on `input` (see `ThreadTask`). */
  run<I, R, O>(task: string, input: I, onReport: (report: R) => void | Promise<void>, label = 'task'): Promise<O> {
    if (this.closed) return Promise.reject(new TrainingInterruptedError('the trainer is shutting down'));
    const worker = new Worker(THREAD_ENTRY, { workerData: { task, input } satisfies ThreadTaskInput<I> });
    this.running.add(worker);
    return new Promise<O>((resolvePromise, reject) => {
      let settled = false;
      let reports: Promise<void> = Promise.resolve();
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        this.running.delete(worker);
        fn();
      };
      let finished = false; // 'done' arrived: the exit that follows is expected
      worker.on('message', (message: ThreadTaskMessage<R, O>) => {
        if (message.type === 'report') {
          reports = reports.then(() => onReport(message.report)).catch(() => undefined);
        } else if (message.type === 'done') {
          finished = true;
          void reports.then(() => settle(() => resolvePromise(message.result)));
        } else {
          settle(() => reject(new Error(`${label} failed: ${message.message}`)));
        }
      });
      worker.on('error', (error) => settle(() => reject(error)));
      worker.on('exit', (code) => {
        if (!finished) settle(() => reject(new TrainingInterruptedError(`${label} thread exited with code ${code}`)));
      });
    });
  }

  /** Stops every running task at once; their `run` calls reject with `TrainingInterruptedError`. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.running].map((w) => w.terminate()));
  }
}
