import * as tf from '@tensorflow/tfjs';
import type { Random } from '@magpie/math';

/** Applies inverted dropout: keeps each element with probability 1 − rate and scales it by 1/(1 − rate). */
export type Dropout = (x: tf.Tensor, rate: number) => tf.Tensor;

/** No dropout (inference). */
export const noDropout: Dropout = (x) => x;

/**
 * Dropout whose masks come from a seeded generator, so a training run repeats exactly under its seed
 * (tf.dropout would draw from its own global source).
 */
export function seededDropout(random: Random): Dropout {
  return (x, rate) => {
    if (rate <= 0) return x;
    const scale = 1 / (1 - rate);
    const mask = new Float32Array(x.size);
    for (let i = 0; i < mask.length; i++) mask[i] = random.next() < rate ? 0 : scale;
    return tf.mul(x, tf.tensor(mask, x.shape, 'float32'));
  };
}
