import * as tf from '@tensorflow/tfjs';
import type { Random } from '@magpie/math';
import { customGradient } from '../ops/custom-gradient';
import { gatherRows } from '../ops/embedding';
import { matMul2d } from '../ops/matmul';
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
 * Sampled softmax with K negatives shared by the whole batch, drawn uniformly (q = 1/V) from 1..V, with
 * the log-Q correction so that Σ_k exp(s_ik − log(K·q)) estimates the full partition function Σ_j exp(s_ij):
 *   L = mean_i [ log(exp(s_i⁺) + Σ_k exp(s_ik + log(V/K))) − s_i⁺ ],  s_i⁺ = h_i·e_{y_i},  s_ik = h_i·e_{n_k}.
 * A negative equal to the row's own target is masked out (accidental hit).
 */
export function sampledSoftmaxLoss(hidden: tf.Tensor2D, table: tf.Tensor2D, targets: Int32Array, drawn: Int32Array): tf.Scalar {
  const count = drawn.length;
  const logCorrection = Math.log((table.shape[0] - 1) / count);
  const where = new Map<number, number[]>();
  drawn.forEach((item, k) => {
    const list = where.get(item);
    if (list) list.push(k);
    else where.set(item, [k]);
  });
  const offsets = new Float32Array(targets.length * count).fill(logCorrection);
  targets.forEach((t, i) => {
    for (const k of where.get(t) ?? []) offsets[i * count + k] = -1e4;
  });
  const positive = tf.sum(tf.mul(hidden, gatherRows(table, tf.tensor1d(targets, 'int32'))), 1, true);
  const negativeT = tf.transpose(gatherRows(table, tf.tensor1d(drawn, 'int32'))) as tf.Tensor2D;
  const negativeScores = tf.add(matMul2d(hidden, negativeT), tf.tensor2d(offsets, [targets.length, count]));
  const logits = tf.concat([positive, negativeScores], 1) as tf.Tensor2D;
  return softmaxCrossEntropy(logits, tf.zeros([targets.length], 'int32'));
}
