import * as tf from '@tensorflow/tfjs';
import { customGradient } from './custom-gradient';

// On the WASM backend a matMul with transposeA/transposeB, or with a batch dimension, takes a path
// ~10× slower than a plain 2-D matMul, and tf.matMul's stock gradient uses exactly those flags
// (dA = dY·Bᵀ via transposeB, dB = Aᵀ·dY via transposeA). These versions transpose explicitly
// (a cheap copy) so every product runs on the fast path.

const matMul2dWithGrad = customGradient(([a, b], save) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    // dA = dY · Bᵀ, dB = Aᵀ · dY
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
});

/** a (m×k) · b (k×n) with a gradient that stays on the fast 2-D matMul path. */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMul2dWithGrad(a, b) as tf.Tensor2D;
}

/** x·W + bias for x of shape (rows × in), W (in × out), bias (out). */
export function dense(x: tf.Tensor2D, weight: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor2D {
  const product = matMul2d(x, weight);
  return bias ? tf.add(product, bias) : product;
}

const swapLast = (t: tf.Tensor3D) => tf.transpose(t, [0, 2, 1]);

const batchMatMulWithGrad = customGradient(([a, b], save) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor3D, b as tf.Tensor3D),
    // per batch: dA = dY · Bᵀ, dB = Aᵀ · dY
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor3D[];
      return [tf.matMul(dy as tf.Tensor3D, swapLast(sb)), tf.matMul(swapLast(sa), dy as tf.Tensor3D)];
    },
  };
});

/** Batched a (B×m×k) · b (B×k×n) without transpose flags in the forward or backward pass. */
export function batchMatMul(a: tf.Tensor3D, b: tf.Tensor3D): tf.Tensor3D {
  return batchMatMulWithGrad(a, b) as tf.Tensor3D;
}
