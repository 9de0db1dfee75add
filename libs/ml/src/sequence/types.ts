/**
 * The contract of Magpie's sequence recommenders (SASRec-style Transformer, GRU4Rec-style RNN).
 * Everything here is in-memory: callers bring data as typed arrays and get bytes back to store.
 *
 * Item indices: 1..numItems are items, 0 is padding. Callers keep the mapping between these
 * indices and their own ids (saved beside the model by whoever stores it).
 */

export type SequenceModelKind = 'sasrec' | 'gru4rec';

export interface SequenceModelConfig {
  kind: SequenceModelKind;
  /** Number of real items (indices 1..numItems). */
  numItems: number;
  /** Longest history the model reads; longer ones keep their most recent `maxLen` items. */
  maxLen: number;
  /** Embedding / hidden size. */
  dim: number;
  /** Transformer blocks (SASRec) or stacked GRU layers (GRU4Rec). */
  blocks: number;
  /** Attention heads (SASRec). */
  heads: number;
  /** Feed-forward inner size (SASRec); GRU hidden size (GRU4Rec, projected back to `dim`). */
  innerDim: number;
  dropout: number;
  attentionDropout: number;
  seed: number;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Stop after this many epochs without a better validation NDCG@10 (the best epoch's weights are kept). */
  patience: number;
  /** 'ce' = full softmax cross-entropy over all items; 'sampled' = sampled softmax with shared negatives. */
  loss: 'ce' | 'sampled';
  /** Negatives per batch for 'sampled'. */
  negatives: number;
  /** L2 weight decay (0 = none). */
  weightDecay: number;
  /**
   * Polyak averaging: decay per step of an exponential moving average of the weights (0 = off). When
   * on, validation, early stopping and the returned model use the averaged weights (see WeightAverage).
   */
  averageDecay?: number;
  /**
   * How targets weigh. 'target': every next-item target the same over an epoch (a batch's gradient is
   * scaled by its targets / the mean targets per batch), as when every prefix is its own sample
   * (RecBole). 'batch': every batch the same, whatever its length (with length-bucketed batches this
   * weighs a user, not a target: long histories count as much as short ones).
   */
  weighting?: 'target' | 'batch';
  /**
   * Threads for synchronous data-parallel training (this thread + threads − 1 worker threads, each
   * with its own TensorFlow.js; every batch split across them). Default 1. Falls back to 1 when
   * worker threads cannot start. Results are deterministic for a given thread count.
   */
  threads?: number;
}

/** Leave-one-out validation: for each history, the held-out next item. */
export interface ValidationSet {
  histories: Int32Array[];
  targets: Int32Array;
  /**
   * Rank the target only among items outside its history (default true: what serving shows, since the
   * recommender filters seen items). false = rank among all items, the protocol of `magpie eval`
   * (RecBole's for sequential models), so early stopping follows the metric being reported.
   */
  excludeHistory?: boolean;
}

export interface EpochReport {
  epoch: number;
  loss: number;
  seconds: number;
  sequencesPerSecond: number;
  /** Validation metrics when a validation set was given: "ndcg@10", "hr@10", ... */
  valid?: Record<string, number>;
}

export interface FitCallbacks {
  onEpoch?(report: EpochReport): void | Promise<void>;
  /** Checked between batches; true stops training (the best weights so far are kept). */
  shouldStop?(): boolean;
}

export interface FitResult {
  model: SequenceEncoder;
  epochs: EpochReport[];
  bestEpoch: number;
  seconds: number;
  /** Training sequences per second over the whole run (excluding validation). */
  sequencesPerSecond: number;
  /** The TensorFlow.js backend that ran it ("tensorflow", "wasm", "cpu"). */
  backend: string;
  /** Threads that trained (see TrainOptions.threads). */
  threads?: number;
}

/**
 * What an encoder keeps of a history so the same history plus one item is explained from it (SASRec: the
 * input of every block after the first at each position, blocks − 1 × length × dim floats). Opaque to callers.
 */
export interface PrefixState {
  /** Items of the history it was computed for. */
  readonly length: number;
  readonly values: Float32Array;
}

/** A trained sequence model, ready to serve. */
export interface SequenceEncoder {
  readonly config: SequenceModelConfig;
  /** User vectors for the histories (oldest first, indices 1..numItems), n × dim, row-major. */
  encode(histories: readonly Int32Array[]): Float32Array;
  /**
   * One history's vector plus how much each input position weighed (same length as the history
   * as read, i.e. its last ≤ maxLen items; sums to 1). SASRec: last block's attention from the
   * newest position, averaged over heads; GRU4Rec: a gradient-free saliency of each step.
   */
  explain(history: Int32Array): { vector: Float32Array; weights: Float32Array };
  /** `explain` for several histories in one forward pass (what a serving micro-batch needs). */
  explainMany(histories: readonly Int32Array[]): Array<{ vector: Float32Array; weights: Float32Array }>;
  /**
   * Incremental serving: `explainMany`, where `prefixes[i]` may be the state this method returned for
   * history i without its newest item; SASRec then computes only the newest position (a shopper's next
   * event costs one position, not the whole history; GRU4Rec computes everything). Returns each
   * history's state, to be passed back for its next item. Same numbers as `explainMany` to float
   * rounding; a state that does not fit (another length) is ignored. Histories as read: their last
   * ≤ maxLen known items.
   */
  explainExtending?(
    histories: readonly Int32Array[],
    prefixes: ReadonlyArray<PrefixState | null>,
  ): Array<{ vector: Float32Array; weights: Float32Array; state: PrefixState }>;
  /** Output item embeddings, (numItems + 1) × dim row-major; row 0 (padding) is never recommended. */
  itemEmbeddings(): Float32Array;
  /**
   * Overwrites rows of the item-embedding table (index 1..numItems → dim values), which SASRec and
   * GRU4Rec use both for input items and for scoring: gives items the model never trained on (cold
   * start) a vector from elsewhere, e.g. mapped from their content.
   */
  setItemEmbeddings?(rows: ReadonlyMap<number, Float32Array>): void;
  /** Weights and config as bytes (round-trips exactly through `loadSequenceModel`). */
  save(): Promise<Uint8Array>;
  dispose(): void;
}

export interface SequenceTrainingData {
  numItems: number;
  /** Training histories, one per shopper, oldest first (every position is a next-item target). */
  sequences: Int32Array[];
}

/**
 * The functions libs/ml exports for sequence models (implemented in this folder):
 * - `fitSequenceModel(data, valid, config, options, callbacks)`: trains with the chosen loss,
 *   validates full-ranking NDCG@10 each epoch, early-stops with `patience`, keeps the best weights.
 *   `config` and `options` are partial; DEFAULT_SEQUENCE_CONFIG / DEFAULT_TRAIN_OPTIONS fill the rest.
 * - `loadSequenceModel(bytes)`: the inverse of `SequenceEncoder.save()`.
 */
export type FitSequenceModel = (
  data: SequenceTrainingData,
  valid: ValidationSet | null,
  config: Partial<SequenceModelConfig> & Pick<SequenceModelConfig, 'kind' | 'numItems'>,
  options?: Partial<TrainOptions>,
  callbacks?: FitCallbacks,
) => Promise<FitResult>;

export type LoadSequenceModel = (bytes: Uint8Array) => Promise<SequenceEncoder>;


/** Chooses the TensorFlow.js backend: tfjs-node when installed and working, else WASM, else plain JS. */
export type InitCompute = (options?: { backend?: 'auto' | 'tensorflow' | 'wasm' | 'cpu' }) => Promise<{ backend: string }>;
