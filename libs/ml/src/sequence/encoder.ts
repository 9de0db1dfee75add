import * as tf from '@tensorflow/tfjs';
import { readTidy } from '../ops/read-tensor';
import { noDropout } from './dropout';
import { gru4recForward } from './gru4rec';
import { hiddenStates } from './network';
import { padLeft, readableHistory } from './padding';
import { sasrecForward } from './sasrec';
import { saveSequenceModel } from './serialize';
import type { SequenceEncoder, SequenceModelConfig } from './types';
import type { Weights } from './weights';

/** Histories encoded per forward pass (sorted by length so each pass is trimmed to its longest). */
const ENCODE_CHUNK = 512;

/** A trained SASRec / GRU4Rec over its weights (owned: `dispose` frees them). */
export class TfSequenceEncoder implements SequenceEncoder {
  private disposed = false;

  constructor(
    readonly config: SequenceModelConfig,
    private readonly weights: Weights,
  ) {}

  encode(histories: readonly Int32Array[]): Float32Array {
    this.assertLive();
    const { dim, maxLen, numItems } = this.config;
    const readable = histories.map((h) => readableHistory(h, maxLen, numItems));
    const out = new Float32Array(histories.length * dim);
    const order = Array.from(readable.keys()).sort((a, b) => readable[a].length - readable[b].length);
    for (let start = 0; start < order.length; start += ENCODE_CHUNK) {
      const chunk = order.slice(start, start + ENCODE_CHUNK);
      const vectors = this.lastStates(chunk.map((i) => readable[i]));
      chunk.forEach((u, r) => out.set(vectors.subarray(r * dim, (r + 1) * dim), u * dim));
    }
    return out;
  }

  explain(history: Int32Array): { vector: Float32Array; weights: Float32Array } {
    this.assertLive();
    const { dim, maxLen, numItems } = this.config;
    const read = readableHistory(history, maxLen, numItems);
    const vector = this.lastStates([read]);
    if (read.length === 0) return { vector, weights: new Float32Array(0) };
    return { vector, weights: this.config.kind === 'sasrec' ? this.attentionWeights(read) : this.dropOneSaliency(read, vector, dim) };
  }

  itemEmbeddings(): Float32Array {
    this.assertLive();
    return Float32Array.from(this.table().dataSync());
  }

  save(): Promise<Uint8Array> {
    this.assertLive();
    return saveSequenceModel(this.config, this.weights);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const v of this.weights.values()) v.dispose();
  }

  /** The weights (for training and tests); still owned by the encoder. */
  get parameters(): Weights {
    return this.weights;
  }

  private table(): tf.Variable {
    const table = this.weights.get('item_embedding');
    if (!table) throw new Error('Sequence model weight "item_embedding" is missing');
    return table;
  }

  /** The state after the newest item of each history (last column: histories are left-padded). */
  private lastStates(histories: readonly Int32Array[]): Float32Array {
    const batch = padLeft(histories);
    return readTidy(() => {
      const hidden = hiddenStates(this.config, this.weights, batch, noDropout);
      return tf.slice(tf.reshape(hidden, [batch.rows, batch.length, this.config.dim]), [0, batch.length - 1, 0], [batch.rows, 1, this.config.dim]);
    });
  }

  /** SASRec: the last block's attention from the newest position, averaged over heads (sums to 1 over the history). */
  private attentionWeights(read: Int32Array): Float32Array {
    const batch = padLeft([read]);
    const T = batch.length;
    const row = readTidy(() => {
      const { lastAttention } = sasrecForward(this.config, this.weights, batch, noDropout);
      const newest = tf.slice(lastAttention, [0, 0, T - 1, 0], [1, this.config.heads, 1, T]);
      return tf.mean(tf.reshape(newest, [this.config.heads, T]), 0);
    });
    return normalise(row);
  }

  /**
   * GRU4Rec: how much the user vector moves when each item is left out, ‖v − v₋ᵢ‖₂, normalised to sum 1
   * (one batched forward pass of the history's leave-one-out variants; no gradients).
   */
  private dropOneSaliency(read: Int32Array, vector: Float32Array, dim: number): Float32Array {
    if (read.length === 1) return Float32Array.of(1);
    const variants = Array.from(read, (_, i) => Int32Array.from([...read.subarray(0, i), ...read.subarray(i + 1)]));
    const batch = padLeft(variants);
    const states = readTidy(() => {
      const hidden = gru4recForward(this.config, this.weights, batch, noDropout);
      return tf.slice(tf.reshape(hidden, [batch.rows, batch.length, dim]), [0, batch.length - 1, 0], [batch.rows, 1, dim]);
    });
    const change = new Float32Array(read.length);
    for (let i = 0; i < read.length; i++) {
      let sq = 0;
      for (let c = 0; c < dim; c++) sq += (vector[c] - states[i * dim + c]) ** 2;
      change[i] = Math.sqrt(sq);
    }
    return normalise(change);
  }

  private assertLive(): void {
    if (this.disposed) throw new Error('This sequence model has been disposed');
  }
}

/** Scales non-negative weights to sum 1 (uniform when they are all 0). */
function normalise(values: Float32Array): Float32Array {
  let total = 0;
  for (const v of values) total += Math.max(0, v);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = total > 0 ? Math.max(0, values[i]) / total : 1 / values.length;
  return out;
}
