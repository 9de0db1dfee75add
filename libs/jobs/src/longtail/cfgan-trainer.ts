import { resolve } from 'node:path';
import type { CfganConfig, CfganEpoch, CfganTrainOptions, ComputeBackendChoice } from '@magpie/ml';
import { ThreadRunner } from '../threads/thread-runner';

/** One CFGAN training, as plain data (it crosses into a worker thread). */
export interface CfganTrainRequest {
  /**
   * Per shopper, item indices 0..itemIds.length−1: the interaction vector (CFGAN as published), or
   * with `sequence` the items to generate for that shopper's condition.
   */
  histories: Int32Array[];
  /**
   * Condition the generator on a sequence model's user vectors: its bytes (`SequenceEncoder.save()`,
   * whose items 1..N are the generator's 0..N−1) and per shopper the history it encodes (model indices).
   */
  sequence?: { model: Uint8Array; conditions: Int32Array[] };
  /** Product id of each item index; saved in the artifact. */
  itemIds: number[];
  config: Partial<CfganConfig>;
  options: Partial<CfganTrainOptions>;
}

/** An epoch as the training reports it: with the sequence condition, also the validation NDCG@10 of held-out shoppers' next items. */
export type CfganTrainedEpoch = CfganEpoch & { validNdcg10?: number };

/** A finished training: the artifact bytes (`saveCfganArtifact`) and how it went. */
export interface CfganTrainOutcome {
  artifact: Uint8Array;
  config: CfganConfig;
  epochs: CfganEpoch[];
  seconds: number;
  backend: string;
  /** With the sequence condition and enough shoppers to validate: the epoch kept (early stopping) and its validation NDCG@10. */
  bestEpoch?: number;
  validNdcg10?: number;
}

/** Runs CFGAN trainings off the caller's event loop. */
export interface CfganTrainer {
  train(request: CfganTrainRequest, onEpoch: (e: CfganTrainedEpoch) => void | Promise<void>): Promise<CfganTrainOutcome>;
  close(): Promise<void>;
}

/** What cfgan-thread-task.ts receives. */
export interface CfganThreadInput {
  backend: ComputeBackendChoice;
  request: CfganTrainRequest;
}

const TASK = resolve(__dirname, 'cfgan-thread-task.ts');

/** Trains each request in its own worker thread (`ThreadRunner`), on the configured compute backend. */
export class ThreadCfganTrainer implements CfganTrainer {
  private readonly runner = new ThreadRunner();

  constructor(private readonly options: { backend?: ComputeBackendChoice } = {}) {}

  train(request: CfganTrainRequest, onEpoch: (e: CfganTrainedEpoch) => void | Promise<void>): Promise<CfganTrainOutcome> {
    const input: CfganThreadInput = { backend: this.options.backend ?? 'auto', request };
    return this.runner.run(TASK, input, onEpoch, 'CFGAN training');
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}
