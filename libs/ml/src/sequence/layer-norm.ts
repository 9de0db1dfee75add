import * as tf from '@tensorflow/tfjs';

/** LayerNorm over the last axis: (x − mean) / √(var + ε) · γ + β, ε = 1e-12 as in RecBole/BERT. */
export function layerNorm(x: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon = 1e-12): tf.Tensor2D {
  const { mean, variance } = tf.moments(x, 1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon))), gamma), beta);
}
