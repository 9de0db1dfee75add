import * as tf from '@tensorflow/tfjs';
import { readAllTidy } from '../ops/read-tensor';

/** Item vectors as a row-major matrix: row r belongs to key `keys[r]` (the shape of retrieval's VectorSet). */
export interface ItemVectors {
  vectors: Float32Array;
  keys: Int32Array;
  dimensions: number;
}

/** Queries scored per matMul (bounds the score matrix at CHUNK × items floats). */
const CHUNK = 256;

/**
 * Exact maximum-inner-product search on the TensorFlow.js backend: the item matrix is uploaded and
 * transposed once, each batch of queries is one (n × d)·(d × items) product (XNNPACK with SIMD on WASM,
 * several times the plain-JS loop) followed by the backend's top-k, so only n × k values come back.
 * Implements retrieval's `VectorIndex` (kind "exact"); `dispose` frees the tensor.
 */
export class TfExactIndex {
  readonly kind = 'exact';
  readonly dimensions: number;
  readonly size: number;
  private readonly keys: Int32Array;
  private itemsT: tf.Tensor2D | null;
  private disposed = false;

  constructor({ vectors, keys, dimensions }: ItemVectors) {
    if (!Number.isInteger(dimensions) || dimensions < 1) throw new Error(`dimensions must be a positive integer, got ${dimensions}`);
    if (vectors.length !== keys.length * dimensions) throw new Error(`expected ${keys.length} × ${dimensions} values, got ${vectors.length}`);
    for (const key of keys) if (!Number.isInteger(key) || key < 1) throw new Error(`keys must be positive integers, got ${key}`);
    this.dimensions = dimensions;
    this.size = keys.length;
    this.keys = keys.slice();
    this.itemsT = keys.length === 0 ? null : tf.tidy(() => tf.transpose(tf.tensor2d(vectors, [keys.length, dimensions])));
  }

  search(queries: Float32Array, k: number): Array<{ keys: Int32Array; scores: Float32Array }> {
    if (this.disposed) throw new Error('This vector index has been disposed');
    const d = this.dimensions;
    const n = queries.length / d;
    if (!Number.isInteger(n)) throw new Error(`queries must hold a multiple of ${d} values`);
    const limit = Math.min(Math.max(0, Math.floor(k)), this.size);
    const itemsT = this.itemsT;
    if (itemsT === null || limit === 0) return Array.from({ length: n }, () => ({ keys: new Int32Array(0), scores: new Float32Array(0) }));
    const out: Array<{ keys: Int32Array; scores: Float32Array }> = [];
    for (let first = 0; first < n; first += CHUNK) {
      const rows = Math.min(CHUNK, n - first);
      const [values, indices] = readAllTidy(() => {
        const best = tf.topk(tf.matMul(tf.tensor2d(queries.subarray(first * d, (first + rows) * d), [rows, d]), itemsT), limit);
        return [best.values, tf.cast(best.indices, 'float32')]; // exact below 2^24 items
      });
      for (let r = 0; r < rows; r++) {
        out.push({
          keys: Int32Array.from(indices.subarray(r * limit, (r + 1) * limit), (i) => this.keys[i]),
          scores: values.slice(r * limit, (r + 1) * limit),
        });
      }
    }
    return out;
  }

  dispose(): void {
    this.disposed = true;
    this.itemsT?.dispose();
    this.itemsT = null;
  }
}
