import { resolve } from 'node:path';
import type { EpochReport } from '@magpie/ml';
import { ThreadRunner } from '../threads/thread-runner';
import type { SequenceTrainer, SequenceTrainOutcome, SequenceTrainRequest } from './sequence-trainer';
import type { TrainingThreadInput } from './training-thread-messages';

/** The module of the real models (see ml-sequence-module.ts). */
export const ML_SEQUENCE_MODULE = resolve(__dirname, 'ml-sequence-module.ts');
const TASK = resolve(__dirname, 'sequence-thread-task.ts');

export interface ThreadSequenceTrainerOptions {
  /** Module exporting `fitSequenceModel` (and optionally `initCompute`); default: @magpie/ml. */
  module?: string;
  /** Compute backend asked of `initCompute` (config `ml.backend`). */
  backend?: TrainingThreadInput['backend'];
  /** Data-parallel threads per training (config `ml.trainingThreads`), unless the request sets its own. */
  threads?: number;
}

/**
 * Trains each request in its own worker thread (`ThreadRunner`), so the CPU-heavy loop never blocks
 * the event loop that renews job locks and serves requests. Epoch reports come back as they happen;
 * the saved model comes back as transferred bytes. A thread that dies, or `close()`, rejects the run
 * with `TrainingInterruptedError`.
 */
export class ThreadSequenceTrainer implements SequenceTrainer {
  private readonly runner = new ThreadRunner();

  constructor(private readonly options: ThreadSequenceTrainerOptions = {}) {}

  train(request: SequenceTrainRequest, onEpoch: (report: EpochReport) => void | Promise<void>): Promise<SequenceTrainOutcome> {
    const withThreads = this.options.threads === undefined ? request : { ...request, options: { threads: this.options.threads, ...request.options } };
    const input: TrainingThreadInput = { module: this.options.module ?? ML_SEQUENCE_MODULE, backend: this.options.backend ?? 'auto', request: withThreads };
    return this.runner.run(TASK, input, onEpoch, 'sequence training');
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}
