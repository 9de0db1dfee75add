/** The best items for one query: keys best first, with their inner-product scores. */
export interface VectorMatches {
  keys: Int32Array;
  scores: Float32Array;
}

/**
 * Maximum-inner-product search over a fixed set of item vectors (keys are positive integers).
 * `search` takes `n` queries as one row-major n × dimensions matrix and answers each with at most
 * `k` matches, best first. Exact and approximate (HNSW) implementations share this interface and
 * its contract test suite (`vectorIndexContract`).
 */
export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  /** "exact" or "hnsw". */
  readonly kind: string;
  search(queries: Float32Array, k: number): VectorMatches[];
  /** Frees memory held outside the JS heap (tensors, native indexes), where there is any. */
  dispose?(): void;
}

/** Item vectors as a row-major matrix: row r belongs to key `keys[r]`. */
export interface VectorSet {
  vectors: Float32Array;
  keys: Int32Array;
  dimensions: number;
}

export function checkVectorSet({ vectors, keys, dimensions }: VectorSet): void {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new Error(`dimensions must be a positive integer, got ${dimensions}`);
  if (vectors.length !== keys.length * dimensions) {
    throw new Error(`expected ${keys.length} × ${dimensions} values, got ${vectors.length}`);
  }
  for (const key of keys) if (!Number.isInteger(key) || key < 1) throw new Error(`keys must be positive integers, got ${key}`);
}
