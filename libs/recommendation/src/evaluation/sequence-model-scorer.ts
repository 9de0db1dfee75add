import type { EpochReport, FitSequenceModel, SequenceEncoder, SequenceModelConfig, TrainOptions } from '@magpie/ml';
import type { LeaveOneOutSplit } from './leave-one-out-split';
import type { ScorerCallbacks, FitReport, LearningCurvePoint, Scorer } from './scorer';

export interface SequenceModelScorerOptions {
  /** The model: kind plus any config field to override (numItems comes from the split). */
  config: Partial<Omit<SequenceModelConfig, 'numItems'>> & Pick<SequenceModelConfig, 'kind'>;
  train?: Partial<TrainOptions>;
  /** Validate (and early-stop) with history items kept in the ranking (false) or excluded (true, the default); match the evaluation. */
  excludeHistory?: boolean;
  /** Checked between batches; true stops training early (best weights kept). */
  shouldStop?(): boolean;
  /**
   * Runs once after training, before any scoring, on the trained model (e.g. to give cold items
   * content-derived rows with `setItemEmbeddings`; model item index = evaluation index + 1).
   */
  afterFit?(model: SequenceEncoder, split: LeaveOneOutSplit): void | Promise<void>;
}

/** The piece of @magpie/ml the adapter needs; injected so this lib does not load TensorFlow.js by itself. */
export interface SequenceModelRuntime {
  fitSequenceModel: FitSequenceModel;
}

/** Evaluation item index i (0-based) ↔ model index i + 1 (0 is the model's padding). */
const toModelIndices = (sequence: Int32Array): Int32Array => Int32Array.from(sequence, (i) => i + 1);

/** A learning-curve point from the model's epoch report (validation NDCG@10 as the model measured it). */
export function curvePoint(report: EpochReport): LearningCurvePoint {
  return {
    epoch: report.epoch,
    loss: report.loss,
    validNdcg10: report.valid?.['ndcg@10'] ?? null,
    seconds: report.seconds,
    sequencesPerSecond: report.sequencesPerSecond,
  };
}

/** The histories' user vectors (rows × dim), evaluation indices in. */
const encodeHistories = (model: SequenceEncoder, histories: readonly Int32Array[]): Float32Array => model.encode(histories.map(toModelIndices));

/**
 * Scores with user vectors from the encoder and the output item embeddings:
 * score(i) = ⟨encode(history), E[i + 1]⟩ for evaluation items i = 0..numItems-1 (row 0 of E is padding).
 */
export function scoreWithEncoder(model: SequenceEncoder, histories: readonly Int32Array[], users = encodeHistories(model, histories)): Float32Array {
  const { dim, numItems } = model.config;
  const items = model.itemEmbeddings();
  const out = new Float32Array(histories.length * numItems);
  for (let r = 0; r < histories.length; r++) {
    const u = r * dim;
    const row = r * numItems;
    for (let i = 0; i < numItems; i++) {
      const e = (i + 1) * dim;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += users[u + d] * items[e + d];
      out[row + i] = dot;
    }
  }
  return out;
}

/**
 * Adapter from the @magpie/ml sequence models (SASRec, GRU4Rec) to the evaluation's `Scorer`:
 * `fit` trains with `fitSequenceModel` on the split's training sequences, validating (and early
 * stopping) on the split's validation targets, and turns each `EpochReport` into a learning-curve
 * point; `scoreBatch` ranks every item by dot product with the trained item embeddings.
 */
export function sequenceModelScorer(runtime: SequenceModelRuntime, options: SequenceModelScorerOptions): Scorer {
  let model: SequenceEncoder | null = null;
  // The last batch's user vectors: a caller that asks for the scores and the vectors of one batch (the
  // long-tail pools: base scores, then a proposer conditioned on the same vectors) encodes it once.
  let last: { histories: readonly Int32Array[]; users: Float32Array } | null = null;
  const usersOf = (encoder: SequenceEncoder, histories: readonly Int32Array[]) => {
    if (last?.histories !== histories) last = { histories, users: encodeHistories(encoder, histories) };
    return last.users;
  };
  return {
    name: options.config.kind,
    async fit(split: LeaveOneOutSplit, callbacks?: ScorerCallbacks): Promise<FitReport> {
      model?.dispose();
      last = null;
      const result = await runtime.fitSequenceModel(
        { numItems: split.numItems, sequences: split.train.map(toModelIndices) },
        {
          histories: split.valid.histories.map(toModelIndices),
          targets: Int32Array.from(split.valid.targets, (i) => i + 1),
          excludeHistory: options.excludeHistory ?? true,
        },
        { ...options.config, numItems: split.numItems },
        options.train,
        { onEpoch: (report) => callbacks?.onEpoch?.(curvePoint(report)), shouldStop: options.shouldStop },
      );
      model = result.model;
      const adaptStarted = performance.now();
      await options.afterFit?.(model, split);
      return {
        seconds: result.seconds + (options.afterFit ? (performance.now() - adaptStarted) / 1000 : 0),
        epochs: result.epochs.length,
        bestEpoch: result.bestEpoch,
        sequencesPerSecond: result.sequencesPerSecond,
        backend: result.backend,
        curve: result.epochs.map(curvePoint),
      };
    },
    scoreBatch(histories) {
      if (!model) throw new Error(`${options.config.kind}: call fit() first`);
      return scoreWithEncoder(model, histories, usersOf(model, histories));
    },
    vectors() {
      if (!model) throw new Error(`${options.config.kind}: call fit() first`);
      const encoder = model;
      const { dim, numItems } = encoder.config;
      return { dim, items: encoder.itemEmbeddings().slice(dim, (numItems + 1) * dim), users: (histories: readonly Int32Array[]) => usersOf(encoder, histories) };
    },
    dispose() {
      last = null;
      model?.dispose();
      model = null;
    },
  };
}
