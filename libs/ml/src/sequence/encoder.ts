import * as tf from '@tensorflow/tfjs';
import { readAllTidy, readTidy } from '../ops/read-tensor';
import { noDropout } from './dropout';
import { hiddenStates } from './network';
import { padLeft, readableHistory } from './padding';
import { sasrecForward } from './sasrec';
import { saveSequenceModel } from './serialize';
import type { PrefixState, SequenceEncoder, SequenceModelConfig } from './types';
import type { Weights } from './weights';

/** Histories encoded per forward pass (sorted by length so each pass is trimmed to its longest). */
const ENCODE_CHUNK = 512;
/** Histories explained per forward pass (attention is rows × heads × T × T). */
const EXPLAIN_CHUNK = 64;

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
    return this.explainMany([history])[0];
  }

  explainMany(histories: readonly Int32Array[]): Array<{ vector: Float32Array; weights: Float32Array }> {
    this.assertLive();
    const { maxLen, numItems } = this.config;
    const out: Array<{ vector: Float32Array; weights: Float32Array }> = [];
    for (let start = 0; start < histories.length; start += EXPLAIN_CHUNK) {
      const reads = histories.slice(start, start + EXPLAIN_CHUNK).map((h) => readableHistory(h, maxLen, numItems));
      out.push(...(this.config.kind === 'sasrec' ? this.attentionExplained(reads, undefined, false).map(({ vector, weights }) => ({ vector, weights })) : this.saliencyExplained(reads)));
    }
    return out;
  }

  explainExtending(
    histories: readonly Int32Array[],
    prefixes: ReadonlyArray<PrefixState | null>,
  ): Array<{ vector: Float32Array; weights: Float32Array; state: PrefixState }> {
    this.assertLive();
    if (prefixes.length !== histories.length) throw new Error(`explainExtending: ${histories.length} histories, ${prefixes.length} prefixes`);
    // GRU4Rec's explanation leaves each item out in turn: nothing to reuse, every history is computed in full.
    if (this.config.kind !== 'sasrec') return this.explainMany(histories).map((e) => ({ ...e, state: { length: e.weights.length, values: new Float32Array(0) } }));
    const { maxLen, numItems } = this.config;
    const reads = histories.map((h) => readableHistory(h, maxLen, numItems));
    const fits = (r: number) => {
      const prefix = prefixes[r];
      return prefix !== null && prefix.length >= 1 && prefix.length === reads[r].length - 1 && prefix.values.length === this.stateSize(prefix.length);
    };
    const out = new Array<{ vector: Float32Array; weights: Float32Array; state: PrefixState }>(reads.length);
    // Two groups, each in chunks: histories that extend a known state (one position per block) and the rest (all positions).
    for (const extending of [false, true]) {
      const rows = reads.map((_, r) => r).filter((r) => fits(r) === extending);
      for (let start = 0; start < rows.length; start += EXPLAIN_CHUNK) {
        const chunk = rows.slice(start, start + EXPLAIN_CHUNK);
        const results = this.attentionExplained(chunk.map((r) => reads[r]), extending ? chunk.map((r) => prefixes[r] as PrefixState) : undefined, true);
        chunk.forEach((r, i) => (out[r] = results[i]));
      }
    }
    return out;
  }

  itemEmbeddings(): Float32Array {
    this.assertLive();
    return Float32Array.from(this.table().dataSync());
  }

  setItemEmbeddings(rows: ReadonlyMap<number, Float32Array>): void {
    this.assertLive();
    const { dim, numItems } = this.config;
    const table = this.table();
    const values = Float32Array.from(table.dataSync());
    for (const [item, row] of rows) {
      if (!Number.isInteger(item) || item < 1 || item > numItems) throw new RangeError(`setItemEmbeddings: item ${item} outside 1..${numItems}`);
      if (row.length !== dim) throw new RangeError(`setItemEmbeddings: row of item ${item} has ${row.length} values, expected ${dim}`);
      values.set(row, item * dim);
    }
    // A new tensor, not an in-place write: XNNPACK caches packed weights by tensor identity.
    const next = tf.tensor(values, table.shape, 'float32');
    table.assign(next);
    next.dispose();
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
      if (this.config.kind === 'sasrec') return sasrecForward(this.config, this.weights, batch, noDropout, { newestOnly: true }).hidden;
      const hidden = hiddenStates(this.config, this.weights, batch, noDropout);
      return tf.slice(tf.reshape(hidden, [batch.rows, batch.length, this.config.dim]), [0, batch.length - 1, 0], [batch.rows, 1, this.config.dim]);
    });
  }

  /**
   * SASRec, one forward pass for all histories: each one's state after its newest item, the last block's
   * attention from that position averaged over heads (sums to 1 over the history; padding, masked out of
   * attention, gets none), and with `withState` its `PrefixState` (without, the block inputs are not read back
   * and the state is empty). With `prefixes` (each the state of its history without the newest item), only
   * the newest position is computed.
   */
  private attentionExplained(
    reads: Int32Array[],
    prefixes: readonly PrefixState[] | undefined,
    withState: boolean,
  ): Array<{ vector: Float32Array; weights: Float32Array; state: PrefixState }> {
    const { dim, heads } = this.config;
    const batch = padLeft(reads);
    const T = batch.length;
    const [states, attention, ...inputs] = readAllTidy(() => {
      const knownInputs = prefixes ? this.knownInputs(prefixes, T) : undefined;
      const { hidden, lastAttention, blockInputs } = sasrecForward(this.config, this.weights, batch, noDropout, { newestOnly: true, knownInputs });
      return [hidden, tf.mean(tf.reshape(lastAttention, [batch.rows, heads, T]), 1), ...(withState ? blockInputs : [])];
    });
    return reads.map((read, r) => {
      // The history's rows of every block input (left-padded: its n items are the last n positions of the row).
      const n = read.length;
      const values = new Float32Array(withState ? this.stateSize(n) : 0);
      for (let b = 0; b < inputs.length; b++) values.set(inputs[b].subarray((r * T + T - n) * dim, (r + 1) * T * dim), b * n * dim);
      return {
        vector: states.slice(r * dim, (r + 1) * dim),
        weights: n === 0 ? new Float32Array(0) : normalise(attention.subarray(r * T + T - n, (r + 1) * T)),
        state: { length: n, values },
      };
    });
  }

  /** Block inputs of the older positions from the prefixes, rows × T × dim per block after the first, left-padded like the batch. */
  private knownInputs(prefixes: readonly PrefixState[], T: number): tf.Tensor3D[] {
    const { dim, blocks } = this.config;
    return Array.from({ length: blocks - 1 }, (_, b) => {
      const values = new Float32Array(prefixes.length * T * dim);
      prefixes.forEach((prefix, r) => {
        const n = prefix.length; // its history has n + 1 items: positions T − n − 1 .. T − 1, the newest last
        values.set(prefix.values.subarray(b * n * dim, (b + 1) * n * dim), (r * T + T - n - 1) * dim);
      });
      return tf.tensor3d(values, [prefixes.length, T, dim]);
    });
  }

  /** Floats in the PrefixState of a history of `length` items. */
  private stateSize(length: number): number {
    return (this.config.blocks - 1) * length * this.config.dim;
  }

  /**
   * GRU4Rec: each history's state, and how much it moves when each item is left out, ‖v − v₋ᵢ‖₂,
   * normalised to sum 1 — one forward pass over every history and all its leave-one-out variants.
   */
  private saliencyExplained(reads: Int32Array[]): Array<{ vector: Float32Array; weights: Float32Array }> {
    const { dim } = this.config;
    const rows: Int32Array[] = [];
    for (const read of reads) {
      rows.push(read);
      if (read.length > 1) for (let i = 0; i < read.length; i++) rows.push(Int32Array.from([...read.subarray(0, i), ...read.subarray(i + 1)]));
    }
    const states = this.lastStates(rows);
    let row = 0;
    return reads.map((read) => {
      const vector = states.slice(row * dim, (row + 1) * dim);
      const own = row;
      row += 1;
      if (read.length <= 1) return { vector, weights: Float32Array.from(read, () => 1) };
      const change = new Float32Array(read.length);
      for (let i = 0; i < read.length; i++, row++) {
        let sq = 0;
        for (let c = 0; c < dim; c++) sq += (states[own * dim + c] - states[row * dim + c]) ** 2;
        change[i] = Math.sqrt(sq);
      }
      return { vector, weights: normalise(change) };
    });
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
