import * as tf from '@tensorflow/tfjs';
import { gelu } from '../ops/activations';
import { gatherRows } from '../ops/embedding';
import { batchMatMul, dense } from '../ops/matmul';
import type { Dropout } from './dropout';
import { layerNorm } from './layer-norm';
import type { PaddedIds } from './padding';
import type { SequenceModelConfig } from './types';
import { param, type Weights } from './weights';

/**
 * Position of each item counted from the oldest item of its (left-padded) row: 0, 1, 2, … A prefix of a
 * training sequence then sees exactly the positions a history of that length sees at serving time
 * (counting back from the newest item instead would give a prefix's newest item a different position
 * in training than in serving). Padding gets position 0; it is masked out of attention.
 */
export function positionIds({ ids, rows, length: T }: PaddedIds, maxLen: number): Int32Array {
  const out = new Int32Array(rows * T);
  for (let b = 0; b < rows; b++) {
    let first = 0;
    while (first < T && ids[b * T + first] === 0) first++;
    for (let t = first; t < T; t++) out[b * T + t] = Math.min(t - first, maxLen - 1);
  }
  return out;
}

/** Additive attention mask (rows × 1 × T × T): 0 where query i may see key j (j ≤ i, j not padding), else −10⁴. */
function attentionMask({ ids, rows, length: T }: PaddedIds): tf.Tensor4D {
  const mask = new Float32Array(rows * T * T);
  for (let b = 0; b < rows; b++) {
    for (let i = 0; i < T; i++) {
      const base = (b * T + i) * T;
      for (let j = 0; j < T; j++) mask[base + j] = j <= i && ids[b * T + j] !== 0 ? 0 : -1e4;
    }
  }
  return tf.tensor4d(mask, [rows, 1, T, T]);
}

export interface SasrecOutput {
  /** Hidden state at every position, (rows·T) × dim; with `newestOnly`, at each row's newest position, rows × dim. */
  hidden: tf.Tensor2D;
  /** The last block's attention probabilities, rows × heads × T × T (rows × heads × 1 × T with `newestOnly`). */
  lastAttention: tf.Tensor4D;
  /** The input of each block after the first at every position, (rows·T) × dim each (what `knownInputs` takes back). */
  blockInputs: tf.Tensor2D[];
}

export interface SasrecForwardOptions {
  /** Only the newest position's output is needed: the last block computes only that query. */
  newestOnly?: boolean;
  /**
   * The inputs of blocks 1..blocks−1 at every position but the newest, rows × T × dim each (the newest
   * slot is ignored), from an earlier pass over the same rows without their newest item. Positions are
   * causal, so those inputs do not change when an item is appended: every block then computes only the
   * newest position (keys and values still from every position). Implies `newestOnly`.
   */
  knownInputs?: tf.Tensor3D[];
}

/**
 * SASRec (Kang & McAuley 2018) in RecBole's post-LN form: item + learned position embeddings → LayerNorm →
 * dropout → blocks of [causal multi-head self-attention → dropout → residual → LayerNorm → GELU
 * feed-forward → dropout → residual → LayerNorm]. Positions count from each row's oldest item (see
 * positionIds), so a batch trimmed to its longest sequence computes exactly what the full maxLen would.
 * Every product is a 2-D matMul or an explicitly transposed batched one (fast WASM paths).
 */
export function sasrecForward(
  config: SequenceModelConfig,
  weights: Weights,
  batch: PaddedIds,
  dropout: Dropout,
  options: SasrecForwardOptions = {},
): SasrecOutput {
  const { dim: d, heads: h, maxLen } = config;
  const { rows: B, length: T } = batch;
  const dk = d / h;
  const ids = tf.tensor1d(batch.ids, 'int32');
  const items = gatherRows(param(weights, 'item_embedding'), ids);
  const positions = gatherRows(param(weights, 'position_embedding'), tf.tensor1d(positionIds(batch, maxLen), 'int32'));
  let x = tf.add(items, positions) as tf.Tensor2D;
  x = dropout(layerNorm(x, param(weights, 'input_norm.gamma'), param(weights, 'input_norm.beta')), config.dropout) as tf.Tensor2D;
  const mask = attentionMask(batch);
  const known = options.knownInputs;
  if (known && known.length !== config.blocks - 1) throw new Error(`knownInputs: expected ${config.blocks - 1} tensors, got ${known.length}`);
  let lastAttention: tf.Tensor4D | null = null;
  const blockInputs: tf.Tensor2D[] = [];
  for (let blk = 0; blk < config.blocks; blk++) {
    const p = `block${blk}.`;
    if (blk > 0) {
      // With known inputs, x is the newest position's output of the block below (rows × d): the older positions come from the cache.
      if (known) x = tf.reshape(tf.concat([tf.slice(known[blk - 1], [0, 0, 0], [B, T - 1, d]), tf.reshape(x, [B, 1, d])], 1), [B * T, d]) as tf.Tensor2D;
      blockInputs.push(x);
    }
    // Serving needs only the newest position's output: in the last block (in every block, given the
    // inputs of the older positions), only its query goes on; keys and values still come from every position.
    const newest = known !== undefined || (options.newestOnly === true && blk === config.blocks - 1);
    const Tq = newest ? 1 : T;
    const xq = newest ? (tf.reshape(tf.slice(tf.reshape(x, [B, T, d]), [0, T - 1, 0], [B, 1, d]), [B, d]) as tf.Tensor2D) : x;
    // q, k, v as three (B·T × d)·(d × d) products (WASM slices (split) and rank-5 transposes are slow
    // loops), then split by head: (B·h) × T × dk (k as dk × T).
    const qFlat = dense(xq, param(weights, `${p}q.w`), param(weights, `${p}q.b`));
    const [kFlat, vFlat] = (['k', 'v'] as const).map((name) => dense(x, param(weights, `${p}${name}.w`), param(weights, `${p}${name}.b`)));
    const byHead = (t: tf.Tensor, rows: number, perm: number[], shape: [number, number, number]) =>
      tf.reshape(tf.transpose(tf.reshape(t, [B, rows, h, dk]), perm), shape) as tf.Tensor3D;
    const q = byHead(qFlat, Tq, [0, 2, 1, 3], [B * h, Tq, dk]);
    const kT = byHead(kFlat, T, [0, 2, 3, 1], [B * h, dk, T]);
    const v = byHead(vFlat, T, [0, 2, 1, 3], [B * h, T, dk]);
    // softmax(q·kᵀ/√dk + mask)
    const rowMask = newest ? tf.slice(mask, [0, 0, T - 1, 0], [B, 1, 1, T]) : mask;
    const scores = tf.add(tf.reshape(tf.mul(batchMatMul(q, kT), 1 / Math.sqrt(dk)), [B, h, Tq, T]), rowMask);
    const probabilities = tf.softmax(scores) as tf.Tensor4D;
    lastAttention = probabilities;
    const attended = dropout(probabilities, config.attentionDropout);
    const context = batchMatMul(tf.reshape(attended, [B * h, Tq, T]) as tf.Tensor3D, v);
    const merged = tf.reshape(tf.transpose(tf.reshape(context, [B, h, Tq, dk]), [0, 2, 1, 3]), [B * Tq, d]) as tf.Tensor2D;
    const attentionOut = dropout(dense(merged, param(weights, `${p}out.w`), param(weights, `${p}out.b`)), config.dropout);
    x = layerNorm(tf.add(attentionOut, xq), param(weights, `${p}attention_norm.gamma`), param(weights, `${p}attention_norm.beta`));
    const inner = gelu(dense(x, param(weights, `${p}ffn1.w`), param(weights, `${p}ffn1.b`))) as tf.Tensor2D;
    const ffnOut = dropout(dense(inner, param(weights, `${p}ffn2.w`), param(weights, `${p}ffn2.b`)), config.dropout);
    x = layerNorm(tf.add(ffnOut, x), param(weights, `${p}ffn_norm.gamma`), param(weights, `${p}ffn_norm.beta`));
  }
  if (!lastAttention) throw new Error('SASRec needs at least one block');
  return { hidden: x, lastAttention, blockInputs };
}
