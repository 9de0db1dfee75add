import * as tf from '@tensorflow/tfjs';
import { fastTanh } from '../ops/activations';
import { gatherRows } from '../ops/embedding';
import { dense, matMul2d } from '../ops/matmul';
import type { Dropout } from './dropout';
import type { PaddedIds } from './padding';
import type { SequenceModelConfig } from './types';
import { param, type Weights } from './weights';

/**
 * GRU4Rec (Hidasi et al.; RecBole's form): item embedding (dim) → dropout → stacked GRU layers
 * (innerDim units) → dense projection back to the embedding space (scored against the shared item embedding).
 * GRU step (gates r, z; candidate n):
 *   r = σ(x·Wr + h·Ur + b),  z = σ(x·Wz + h·Uz + b),  n = tanh(x·Wn + r ⊙ (h·Un + b)),  h' = (1 − z) ⊙ n + z ⊙ h.
 * Left padding: on a padded step the state is carried unchanged (h' = h), so every history starts from h = 0.
 * The input products of all steps are one (B·T × d)·(d × 3d) matMul; only h·U runs per step.
 *
 * @returns hidden state at every position, (rows·T) × dim
 */
export function gru4recForward(config: SequenceModelConfig, weights: Weights, batch: PaddedIds, dropout: Dropout): tf.Tensor2D {
  const { innerDim: hiddenSize } = config;
  const { rows: B, length: T, ids } = batch;
  const steps: tf.Tensor2D[] = [];
  for (let t = 0; t < T; t++) {
    const m = new Float32Array(B);
    for (let b = 0; b < B; b++) m[b] = ids[b * T + t] === 0 ? 0 : 1;
    steps.push(tf.tensor2d(m, [B, 1]));
  }
  let x = dropout(gatherRows(param(weights, 'item_embedding'), tf.tensor1d(ids, 'int32')), config.dropout) as tf.Tensor2D;
  for (let l = 0; l < config.blocks; l++) {
    const p = `gru${l}.`;
    const inputs = tf.unstack(tf.reshape(dense(x, param(weights, `${p}input.w`), param(weights, `${p}input.b`)), [B, T, 3 * hiddenSize]), 1) as tf.Tensor2D[];
    const hiddenW = param<tf.Rank.R2>(weights, `${p}hidden.w`);
    const hiddenB = param<tf.Rank.R1>(weights, `${p}hidden.b`);
    let h: tf.Tensor2D = tf.zeros([B, hiddenSize]);
    const outputs: tf.Tensor2D[] = [];
    for (let t = 0; t < T; t++) {
      const [xr, xz, xn] = tf.split(inputs[t], 3, 1);
      const [hr, hz, hn] = tf.split(tf.add(matMul2d(h, hiddenW), hiddenB), 3, 1);
      const r = tf.sigmoid(tf.add(xr, hr));
      const z = tf.sigmoid(tf.add(xz, hz));
      const n = fastTanh(tf.add(xn, tf.mul(r, hn)));
      const next = tf.add(n, tf.mul(z, tf.sub(h, n)));
      h = tf.add(h, tf.mul(steps[t], tf.sub(next, h)));
      outputs.push(h);
    }
    x = tf.reshape(tf.stack(outputs, 1), [B * T, hiddenSize]) as tf.Tensor2D;
    if (l < config.blocks - 1) x = dropout(x, config.dropout) as tf.Tensor2D;
  }
  return dense(x, param(weights, 'projection.w'), param(weights, 'projection.b'));
}
