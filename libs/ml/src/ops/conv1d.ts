import * as tf from '@tensorflow/tfjs';
import { matMul2d } from './matmul';

/**
 * 1-D convolution (stride 1, 'valid' padding) as shifted slices + one 2-D matMul: the WASM backend has
 * no `Conv2DBackpropFilter`, so tf.conv1d cannot train there.
 * out[b, t, o] = Σ_k Σ_c x[b, t + k, c] · w[k, c, o]
 *
 * @param x (batch × time × inChannels)
 * @param filter (kernel × inChannels × outChannels)
 * @returns (batch × (time − kernel + 1) × outChannels)
 */
export function conv1dBySlices(x: tf.Tensor3D, filter: tf.Tensor3D): tf.Tensor3D {
  const [batch, time, inChannels] = x.shape;
  const [kernel, , outChannels] = filter.shape;
  const steps = time - kernel + 1;
  if (steps <= 0) throw new Error(`conv1dBySlices: input length ${time} is shorter than the kernel ${kernel}`);
  const windows = Array.from({ length: kernel }, (_, k) => tf.slice(x, [0, k, 0], [batch, steps, inChannels]));
  const unfolded = tf.reshape(kernel === 1 ? windows[0] : tf.concat(windows, 2), [batch * steps, kernel * inChannels]) as tf.Tensor2D;
  const product = matMul2d(unfolded, tf.reshape(filter, [kernel * inChannels, outChannels]) as tf.Tensor2D);
  return tf.reshape(product, [batch, steps, outChannels]) as tf.Tensor3D;
}
