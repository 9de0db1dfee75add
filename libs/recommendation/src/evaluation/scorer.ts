import type { LeaveOneOutSplit } from './leave-one-out-split';

/** One epoch of training as the evaluation reports it (the learning curve). */
export interface LearningCurvePoint {
  epoch: number;
  /** Training loss; null for models without one (baselines). */
  loss: number | null;
  /** Validation NDCG@10 after this epoch; null when not measured. */
  validNdcg10: number | null;
  /** Seconds this epoch took. */
  seconds: number;
  sequencesPerSecond: number;
}

/** What fitting cost and how it went. */
export interface FitReport {
  seconds: number;
  epochs: number;
  /** Training sequences processed per second over the whole fit. */
  sequencesPerSecond: number;
  /** Where it ran: the TensorFlow.js backend for neural models, "js" for the plain baselines. */
  backend: string;
  curve: LearningCurvePoint[];
  /** The epoch whose weights were kept (early stopping); equals `epochs` when there is no early stopping. */
  bestEpoch: number;
}

export interface ScorerCallbacks {
  onEpoch?(point: LearningCurvePoint): void;
}

/**
 * Anything that ranks the whole catalogue for a history: fitted once on the split's training
 * sequences (it may look at `split.valid` for early stopping, never at `split.test`), then asked
 * for the scores of every item. Items are indices 0..numItems-1.
 */
export interface Scorer {
  readonly name: string;
  fit(split: LeaveOneOutSplit, callbacks?: ScorerCallbacks): Promise<FitReport>;
  /**
   * Scores of all items for each history, n × numItems row-major (row r = histories[r]); higher
   * ranks first, NaN never ranks. Exclusions are the caller's job (see `evaluate`).
   */
  scoreBatch(histories: readonly Int32Array[]): Float32Array;
  /**
   * For models whose scores are dot products of a user vector and item vectors (the sequence models):
   * those vectors, after `fit`. `items` is numItems × dim; `users` gives rows × dim for histories.
   */
  vectors?(): ScorerVectors;
  /** Frees what `fit` holds (tensors); the scorer is unusable afterwards. */
  dispose?(): void;
}

/** See `Scorer.vectors`: score(history, i) = ⟨users([history]), items[i]⟩. */
export interface ScorerVectors {
  dim: number;
  items: Float32Array;
  users(histories: readonly Int32Array[]): Float32Array;
}

/** Training sequences that can yield a next-item target (length ≥ 2), for throughput figures. */
export function countTrainingSequences(split: LeaveOneOutSplit): number {
  let n = 0;
  for (const sequence of split.train) if (sequence.length >= 2) n++;
  return n;
}
