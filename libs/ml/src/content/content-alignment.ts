import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { l2Normalize } from './content-network';

/**
 * Behaviour targets the item encoder is aligned with (content predicts behaviour): e.g. a sequence
 * model's item embeddings of the items it trained on. Items without a target (cold ones) are not aligned,
 * but get their vector from content alone, close to the behaviour of items with similar content.
 */
export interface ContentAlignment {
  /** Target vector per item key (any width; normalised to unit length internally). */
  targets: ReadonlyMap<number, Float32Array>;
  /** λ: the loss is contrastive + λ · alignment. Default 1. */
  weight?: number;
  /** Softmax temperature of the alignment loss. Default 0.1. */
  temperature?: number;
}

/** What a training step needs to add the alignment term (tensors owned here, freed by `dispose`). */
export interface AlignmentState {
  /** (outDim × targetDim) projection of the item vector into the target space, trained with the encoder. */
  head: tf.Variable;
  /** (targets × targetDim) unit target vectors. */
  targets: tf.Tensor2D;
  /** Row of `targets` per item key. */
  rowOf: ReadonlyMap<number, number>;
  weight: number;
  temperature: number;
  dispose(): void;
}

let heads = 0;

/** Builds the alignment state; the head starts N(0, 1/outDim) from its own seeded stream. */
export function alignmentState(alignment: ContentAlignment, outDim: number, seed: number): AlignmentState {
  const keys = [...alignment.targets.keys()];
  if (keys.length === 0) throw new RangeError('content alignment: no targets');
  const width = alignment.targets.get(keys[0])?.length ?? 0;
  const values = new Float32Array(keys.length * width);
  keys.forEach((key, r) => {
    const target = alignment.targets.get(key) as Float32Array;
    if (target.length !== width) throw new RangeError(`content alignment: target of item ${key} has ${target.length} values, expected ${width}`);
    values.set(target, r * width);
  });
  const random = createRandom(seed);
  const init = Float32Array.from({ length: outDim * width }, () => random.normal() / Math.sqrt(outDim));
  const head = tf.tidy(() => tf.variable(tf.tensor2d(init, [outDim, width]), true, `content_align_head_${++heads}`));
  const targets = tf.tidy(() => l2Normalize(tf.tensor2d(values, [keys.length, width])));
  return {
    head,
    targets,
    rowOf: new Map(keys.map((key, r) => [key, r])),
    weight: alignment.weight ?? 1,
    temperature: alignment.temperature ?? 0.1,
    dispose() {
      head.dispose();
      targets.dispose();
    },
  };
}

/**
 * Alignment loss of a batch of unit item vectors p (batch × outDim): for each item with a target,
 * the softmax over ALL targets of cos(p·A, t)/τ should pick its own, L = −mean log softmax(…)_own
 * (items without a target contribute nothing). Call inside variableGrads.
 */
export function alignmentLoss(state: AlignmentState, items: tf.Tensor2D, keys: readonly number[]): tf.Scalar {
  const count = state.targets.shape[0];
  const own = new Float32Array(keys.length * count);
  let aligned = 0;
  keys.forEach((key, i) => {
    const row = state.rowOf.get(key);
    if (row === undefined) return;
    own[i * count + row] = 1;
    aligned++;
  });
  if (aligned === 0) return tf.scalar(0);
  // Rows without a target have an all-zero one-hot row, so they add nothing (no gather: WASM lacks its gradient).
  const projected = l2Normalize(tf.matMul(items, state.head) as tf.Tensor2D);
  const logits = tf.div(tf.matMul(projected, state.targets, false, true), state.temperature) as tf.Tensor2D;
  return tf.div(tf.neg(tf.sum(tf.mul(tf.logSoftmax(logits), tf.tensor2d(own, [keys.length, count])))), aligned) as tf.Scalar;
}
