import * as tf from '@tensorflow/tfjs';

/**
 * Runs `f` in a tidy scope and copies its result out as a Float32Array.
 * (Never return a typed array from tf.tidy itself: tidy walks its return value element by element
 * looking for tensors — 7 s for a 512 × 12k score matrix.)
 */
export function readTidy(f: () => tf.Tensor): Float32Array {
  const tensor = tf.tidy(f);
  try {
    // dataSync already hands back a copy (WASM) or an array the disposed tensor no longer owns (CPU).
    return tensor.dataSync() as Float32Array;
  } finally {
    tensor.dispose();
  }
}

/** Like `readTidy` for several results of one tidy scope (e.g. two outputs of one forward pass). */
export function readAllTidy(f: () => tf.Tensor[]): Float32Array[] {
  const tensors = tf.tidy(f);
  try {
    return tensors.map((t) => t.dataSync() as Float32Array);
  } finally {
    for (const t of tensors) t.dispose();
  }
}
