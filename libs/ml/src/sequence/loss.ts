import * as tf from '@tensorflow/tfjs';
import type { Random } from '@magpie/math';
import { customGradient } from '../ops/custom-gradient';
import { gatherRows } from '../ops/embedding';
import { batchMatMul, matMul2d } from '../ops/matmul';
import type { TrainingBatch } from './batches';
import { softmaxCrossEntropy } from '../ops/softmax-cross-entropy';

/**
 * Scores h·eᵀ of n states against all V items, (n × d)·(d × V), with a gradient laid out for WASM:
 * dH = dZ·E (E as the packed right operand, V × d) and dE = dZᵀ·H (a transposed copy of dZ on the left,
 * the small H on the right). The generic dE = Hᵀ·dZ would make XNNPACK repack the n × V matrix dZ
 * as its right operand, ~45 ms more per step at n = 760, V = 12k.
 */
export const itemLogits: (hidden: tf.Tensor2D, items: tf.Tensor2D) => tf.Tensor2D = (hidden, items) =>
  itemLogitsOp(hidden, items) as tf.Tensor2D;

const itemLogitsOp = customGradient(([h, e], save) => {
  save([h, e]);
  return {
    value: tf.matMul(h as tf.Tensor2D, tf.transpose(e as tf.Tensor2D)),
    gradFunc: (dz: tf.Tensor, saved: tf.Tensor[]) => {
      const [sh, se] = saved as tf.Tensor2D[];
      const dz2 = dz as tf.Tensor2D;
      return [tf.matMul(dz2, se), tf.matMul(tf.transpose(dz2), sh)];
    },
  };
});

/**
 * Full softmax cross-entropy over all items 1..V (padding row excluded):
 * L = mean_i [ log Σ_j exp(h_i·e_j) − h_i·e_{y_i} ].
 *
 * @param hidden n × d states at the positions that have a target
 * @param table (V + 1) × d item embedding (row 0 padding)
 * @param targets n item indices in 1..V
 */
export function fullSoftmaxLoss(hidden: tf.Tensor2D, table: tf.Tensor2D, targets: Int32Array): tf.Scalar {
  const [rows, d] = table.shape;
  const classes = tf.tensor1d(targets.map((t) => t - 1), 'int32');
  return softmaxCrossEntropy(itemLogits(hidden, tf.slice(table, [1, 0], [rows - 1, d])), classes);
}

/** `count` negatives for a batch, uniform over 1..numItems (with replacement). */
export function drawNegatives(count: number, numItems: number, random: Random): Int32Array {
  const drawn = new Int32Array(Math.min(count, numItems));
  for (let k = 0; k < drawn.length; k++) drawn[k] = 1 + random.int(numItems);
  return drawn;
}

/**
 * Each target position's own earlier items (positions ≤ t of its row: what the shopper has already seen
 * at that point), scored exactly: scores[i][j] = h_i·e(item j of the row), valid[i][j] = 1 for each
 * distinct earlier item other than the target (padding and later positions are invalid).
 */
export interface SeenItemScores {
  /** n × width */
  scores: tf.Tensor2D;
  /** n × width item ids (0 where invalid). */
  items: Int32Array;
  valid: Uint8Array;
  width: number;
}

/**
 * `SeenItemScores` for a batch from the hidden states at every position ((rows·T) × d): one
 * (T × d)·(d × T) product per row, rows × T × T in all, then the rows of the target positions.
 */
export function seenItemScores(allHidden: tf.Tensor2D, table: tf.Tensor2D, batch: TrainingBatch): SeenItemScores {
  const { ids, rows: B, length: T } = batch.inputs;
  const d = table.shape[1];
  const embeddedT = tf.transpose(tf.reshape(gatherRows(table, tf.tensor1d(ids, 'int32')), [B, T, d]), [0, 2, 1]) as tf.Tensor3D;
  const all = batchMatMul(tf.reshape(allHidden, [B, T, d]) as tf.Tensor3D, embeddedT);
  const scores = gatherRows(tf.reshape(all, [B * T, T]) as tf.Tensor2D, tf.tensor1d(batch.positions, 'int32'));
  const first = new Uint8Array(ids.length); // the first occurrence of its item in its row
  for (let b = 0; b < B; b++) {
    const seen = new Set<number>();
    for (let j = 0; j < T; j++) {
      const item = ids[b * T + j];
      if (item !== 0 && !seen.has(item)) {
        seen.add(item);
        first[b * T + j] = 1;
      }
    }
  }
  const n = batch.positions.length;
  const items = new Int32Array(n * T);
  const valid = new Uint8Array(n * T);
  batch.positions.forEach((p, i) => {
    const b = Math.floor(p / T);
    const t = p - b * T;
    for (let j = 0; j <= t; j++) {
      const item = ids[b * T + j];
      if (first[b * T + j] === 1 && item !== batch.targets[i]) {
        items[i * T + j] = item;
        valid[i * T + j] = 1;
      }
    }
  });
  return { scores, items, valid, width: T };
}

/**
 * Sampled softmax with K negatives shared by the whole batch, drawn uniformly (q = 1/V) from 1..V, with
 * the log-Q correction so that Σ_k exp(s_ik − log(K·q)) estimates the partition function Σ_j exp(s_ij):
 *   L = mean_i [ log(exp(s_i⁺) + Σ_seen exp(s_ij) + Σ_k exp(s_ik + log(V/K))) − s_i⁺ ],  s_i⁺ = h_i·e_{y_i}.
 * The items a position has already seen (`seen`) enter the partition function exactly: they are the
 * full softmax's largest terms after the target (a history resembles itself), and a uniform sample of
 * 2,048 of 12k items almost never holds them, so without them the model learns to rank a shopper's
 * own past items first. A negative equal to the row's target or to one of its seen items is masked out.
 */
export function sampledSoftmaxLoss(
  hidden: tf.Tensor2D,
  table: tf.Tensor2D,
  targets: Int32Array,
  drawn: Int32Array,
  seen: SeenItemScores | null = null,
): tf.Scalar {
  const count = drawn.length;
  const logCorrection = Math.log((table.shape[0] - 1) / count);
  const where = new Map<number, number[]>();
  drawn.forEach((item, k) => {
    const list = where.get(item);
    if (list) list.push(k);
    else where.set(item, [k]);
  });
  const offsets = new Float32Array(targets.length * count).fill(logCorrection);
  const mask = (i: number, item: number) => {
    for (const k of where.get(item) ?? []) offsets[i * count + k] = -1e4;
  };
  targets.forEach((t, i) => {
    mask(i, t);
    if (!seen) return;
    for (let j = 0; j < seen.width; j++) if (seen.valid[i * seen.width + j] === 1) mask(i, seen.items[i * seen.width + j]);
  });
  const positive = tf.sum(tf.mul(hidden, gatherRows(table, tf.tensor1d(targets, 'int32'))), 1, true);
  const negativeT = tf.transpose(gatherRows(table, tf.tensor1d(drawn, 'int32'))) as tf.Tensor2D;
  const negativeScores = tf.add(matMul2d(hidden, negativeT), tf.tensor2d(offsets, [targets.length, count]));
  const parts: tf.Tensor[] = [positive, negativeScores];
  if (seen) {
    const seenOffsets = Float32Array.from(seen.valid, (v) => (v === 1 ? 0 : -1e4));
    parts.push(tf.add(seen.scores, tf.tensor2d(seenOffsets, [targets.length, seen.width])));
  }
  const logits = tf.concat(parts, 1) as tf.Tensor2D;
  return softmaxCrossEntropy(logits, tf.zeros([targets.length], 'int32'));
}
