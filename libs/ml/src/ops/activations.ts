import * as tf from '@tensorflow/tfjs';
import { customGradient } from './custom-gradient';

/**
 * log σ(x) = −softplus(−x). `tf.logSigmoid`'s gradient crashes on intermediate tensors in
 * tfjs 4.22; softplus is stable for large |x| and differentiates cleanly.
 */
export function logSigmoid(x: tf.Tensor): tf.Tensor {
  return tf.neg(tf.softplus(tf.neg(x)));
}

const GELU_SIGMOID_SCALE = 1.702;

/**
 * GELU(x) = x · Φ(x), in its sigmoid form x · σ(1.702x) (Hendrycks & Gimpel; |error| < 0.02), because
 * WASM's sigmoid is vectorised while erf and tanh are scalar loops (~12× slower).
 * Gradient: σ(1.702x) + 1.702 · x · σ(1.702x)(1 − σ(1.702x)).
 */
export const gelu: (x: tf.Tensor) => tf.Tensor = customGradient(([x], save) => {
  const s = tf.sigmoid(tf.mul(x, GELU_SIGMOID_SCALE));
  save([x, s]);
  return {
    value: tf.mul(x, s),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sx, ss] = saved;
      return tf.mul(dy, tf.add(ss, tf.mul(tf.mul(sx, GELU_SIGMOID_SCALE), tf.mul(ss, tf.sub(1, ss)))));
    },
  };
});

/** tanh(x) = 2σ(2x) − 1: WASM's sigmoid is vectorised, its tanh is not. */
export function fastTanh(x: tf.Tensor): tf.Tensor {
  return tf.sub(tf.mul(tf.sigmoid(tf.mul(x, 2)), 2), 1);
}
