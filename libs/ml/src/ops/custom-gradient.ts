import * as tf from '@tensorflow/tfjs';

/** A forward value and how to turn the output gradient into one gradient per input. */
export interface WithGradient {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];
}

/** A typed wrapper of `tf.customGrad`: `f(inputs, save)` gets the input tensors and the save function. */
export function customGradient(f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => WithGradient): (...inputs: tf.Tensor[]) => tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const save = args[args.length - 1] as tf.GradSaveFunc;
    return f(args.slice(0, -1) as tf.Tensor[], save);
  });
  return (...inputs) => op(...inputs);
}
