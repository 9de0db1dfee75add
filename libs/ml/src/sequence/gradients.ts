import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import type { TrainingBatch } from './batches';
import { seededDropout } from './dropout';
import { fullSoftmaxLoss, sampledSoftmaxLoss, seenItemScores } from './loss';
import { hiddenStates, rowsAt } from './network';
import type { SequenceModelConfig } from './types';
import type { Weights } from './weights';

/** What one forward/backward pass needs besides the weights. */
export interface GradientInput {
  batch: TrainingBatch;
  /** Shared negatives of the batch for sampled softmax; null = full softmax over all items. */
  negatives: Int32Array | null;
  /** Seed of this pass's dropout masks. */
  dropoutSeed: number;
}

export interface GradientResult {
  /** Mean loss over the batch's target positions. */
  loss: number;
  positions: number;
  /** d loss / d weight, in the weights' order, each scaled by `scale`. */
  grads: Float32Array[];
}

/**
 * Forward and backward pass of the next-item loss at every target position of a batch; gradients are
 * copied out to JS (for JsAdam, and for exchange between data-parallel threads).
 */
export function computeGradients(config: SequenceModelConfig, weights: Weights, input: GradientInput, scale = 1): GradientResult {
  const { batch, negatives } = input;
  const variables = [...weights.values()];
  if (batch.targets.length === 0) return { loss: 0, positions: 0, grads: variables.map((v) => new Float32Array(v.size)) };
  const dropout = seededDropout(createRandom(input.dropoutSeed));
  const { loss, grads } = tf.tidy(() => {
    const { value, grads: byName } = tf.variableGrads(() => {
      const all = hiddenStates(config, weights, batch.inputs, dropout);
      const hidden = rowsAt(all, batch.positions);
      const table = weights.get('item_embedding') as tf.Variable<tf.Rank.R2>;
      if (!negatives) return fullSoftmaxLoss(hidden, table, batch.targets);
      return sampledSoftmaxLoss(hidden, table, batch.targets, negatives, seenItemScores(all, table, batch));
    }, variables);
    const ordered = variables.map((v) => {
      const g = byName[v.name] ?? tf.zerosLike(v);
      return scale === 1 ? g : tf.mul(g, scale);
    });
    return { loss: value, grads: ordered };
  });
  try {
    return { loss: loss.dataSync()[0], positions: batch.targets.length, grads: grads.map((g) => g.dataSync() as Float32Array) };
  } finally {
    loss.dispose();
    grads.forEach((g) => g.dispose());
  }
}
