import type { SequenceTrainRequest } from './sequence-trainer';

/** What the parent hands a sequence training thread (the input of sequence-thread-task.ts). */
export interface TrainingThreadInput {
  /** Absolute path of a module exporting `fitSequenceModel` (and optionally `initCompute`). */
  module: string;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  request: SequenceTrainRequest;
}
