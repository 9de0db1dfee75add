import * as tf from '@tensorflow/tfjs';
import { customGradient } from './custom-gradient';

/**
 * Rows of `table` at `indices` (an embedding lookup) with a gradient computed by `scatterND`
 * (duplicates summed), O(rows × width) on every backend. The stock gradient of `tf.gather` needs
 * `UnsortedSegmentSum`, which the WASM backend lacks and the plain JS backend runs in
 * O(segments × rows).
 */
export function gatherRows(table: tf.Tensor2D, indices: tf.Tensor1D): tf.Tensor2D {
  const [rows, width] = table.shape;
  const lookup = customGradient(([t], save) => {
    save([indices]);
    return {
      // gatherND over (n × 1) indices is ~15× faster than GatherV2 on WASM for row lookups.
      value: tf.gatherND(t, tf.expandDims(indices, 1)),
      // dTable[indices[i], :] += dY[i, :]
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.scatterND(tf.expandDims(saved[0], 1), dy, [rows, width]),
    };
  });
  return lookup(table) as tf.Tensor2D;
}
