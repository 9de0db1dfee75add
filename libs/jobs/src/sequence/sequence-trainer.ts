import type { EpochReport, SequenceModelConfig, SequenceTrainingData, TrainOptions, ValidationSet } from '@magpie/ml';

/** One training run, as plain data (it crosses into a worker thread). */
export interface SequenceTrainRequest {
  data: SequenceTrainingData;
  valid: ValidationSet | null;
  config: Partial<SequenceModelConfig> & Pick<SequenceModelConfig, 'kind' | 'numItems'>;
  options: Partial<TrainOptions>;
}

/** What a finished run hands back: the saved model and how training went. */
export interface SequenceTrainOutcome {
  /** `SequenceEncoder.save()` of the best epoch's model. */
  model: Uint8Array;
  config: SequenceModelConfig;
  epochs: EpochReport[];
  bestEpoch: number;
  seconds: number;
  sequencesPerSecond: number;
  backend: string;
}

/** Runs sequence-model trainings off the caller's event loop. */
export interface SequenceTrainer {
  train(request: SequenceTrainRequest, onEpoch: (report: EpochReport) => void | Promise<void>): Promise<SequenceTrainOutcome>;
  /** Stops every running training at once; their `train` calls reject with `TrainingInterruptedError`. */
  close(): Promise<void>;
}

/** A training run that was stopped before it finished (shutdown, or its thread died). */
export { TrainingInterruptedError } from '../threads/thread-task';
