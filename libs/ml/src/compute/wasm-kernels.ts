import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A linear-time `UnsortedSegmentSum` for the WASM backend, which has none. It is the gradient of
 * `tf.gather` (every embedding lookup): out[ids[i], :] += x[i, :]. The stock fallback loops over
 * every segment (O(segments × rows)), minutes and gigabytes for a 10k-row table; this is O(rows × width).
 */
export const linearSegmentSumKernel: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend, attrs }) => {
    const wasm = backend as BackendWasm;
    const x = inputs.x as tf.TensorInfo;
    const segmentIds = inputs.segmentIds as tf.TensorInfo;
    const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
    const rows = tf.util.sizeFromShape(segmentIds.shape);
    const width = rows === 0 ? 0 : tf.util.sizeFromShape(x.shape) / rows;
    const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
    // Allocate first: allocation can grow the WASM heap, which detaches earlier views of it.
    const out = wasm.makeOutput(outShape, x.dtype);
    const target = wasm.typedArrayFromHeap(out);
    const values = wasm.typedArrayFromHeap(x);
    const ids = wasm.typedArrayFromHeap(segmentIds);
    target.fill(0);
    for (let r = 0; r < rows; r++) {
      const segment = ids[r];
      if (segment < 0 || segment >= numSegments) continue;
      const from = r * width;
      const to = segment * width;
      for (let c = 0; c < width; c++) target[to + c] += values[from + c];
    }
    return out;
  },
};

/**
 * `Identity` (tf.clone) that shares the input's memory (reference-counted, as Reshape already does)
 * instead of copying it. Autodiff clones every tensor it saves for the backward pass, so the stock
 * copying kernel duplicated every activation of every training step (up to an n × 12k softmax).
 * Tensors are immutable and the WASM backend frees shared memory only when the last reference goes.
 */
export const sharingIdentityKernel: tf.KernelConfig = {
  kernelName: tf.Identity,
  backendName: 'wasm',
  kernelFunc: ({ inputs, backend }) => {
    const wasm = backend as BackendWasm;
    const x = inputs.x as tf.TensorInfo;
    if (x.dtype === 'string') return wasm.makeOutput(x.shape, x.dtype, undefined, wasm.readSync(x.dataId));
    wasm.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  },
};

/** Registers the WASM kernels training needs and the package lacks or has too slow (idempotent). */
export function registerWasmTrainingKernels(): void {
  if (tf.getKernel(tf.UnsortedSegmentSum, 'wasm') === undefined) tf.registerKernel(linearSegmentSumKernel);
  if (tf.getKernel(tf.Identity, 'wasm') !== sharingIdentityKernel) {
    tf.unregisterKernel(tf.Identity, 'wasm');
    tf.registerKernel(sharingIdentityKernel);
  }
}
