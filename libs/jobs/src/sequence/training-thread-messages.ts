import type { EpochReport } from '@magpie/ml';
import type { SequenceTrainOutcome, SequenceTrainRequest } from './sequence-trainer';

/** What the parent hands a training thread (as `workerData`). */
export interface TrainingThreadInput {
  /** Absolute path of a module exporting `fitSequenceModel` (and optionally `initCompute`). */
  module: string;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  request: SequenceTrainRequest;
}

/** Messages from a training thread to its parent. */
export type TrainingThreadMessage =
  | { type: 'epoch'; report: EpochReport }
  | { type: 'done'; outcome: SequenceTrainOutcome }
  | { type: 'error'; message: string };
