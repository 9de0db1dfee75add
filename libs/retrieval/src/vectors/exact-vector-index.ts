import { topK } from '@magpie/math';
import { checkVectorSet, type VectorIndex, type VectorMatches, type VectorSet } from './vector-index';

/**
 * Exact maximum-inner-product search: every query against every item, score(q, i) = Σ_d q_d · v_id,
 * keeping the best k in a bounded min-heap. Queries are processed four at a time so each item row
 * is read from memory once per four queries.
 */
export class ExactVectorIndex implements VectorIndex {
  readonly kind = 'exact';
  readonly dimensions: number;
  private readonly vectors: Float32Array;
  private readonly keys: Int32Array;

  constructor(set: VectorSet) {
    checkVectorSet(set);
    this.dimensions = set.dimensions;
    this.vectors = set.vectors;
    this.keys = set.keys;
  }

  get size(): number {
    return this.keys.length;
  }

  search(queries: Float32Array, k: number): VectorMatches[] {
    const d = this.dimensions;
    const n = queries.length / d;
    if (!Number.isInteger(n)) throw new Error(`queries must hold a multiple of ${d} values`);
    const limit = Math.min(Math.max(0, Math.floor(k)), this.size);
    const out: VectorMatches[] = [];
    const scores = new Float32Array(4 * this.size);
    for (let q0 = 0; q0 < n; q0 += 4) {
      const block = Math.min(4, n - q0);
      this.scoreBlock(queries, q0, block, scores);
      for (let b = 0; b < block; b++) out.push(this.best(scores.subarray(b * this.size, (b + 1) * this.size), limit));
    }
    return out;
  }

  /** scores[b · size + i] = ⟨query q0+b, item i⟩ for b < block. */
  private scoreBlock(queries: Float32Array, q0: number, block: number, scores: Float32Array): void {
    const d = this.dimensions;
    const v = this.vectors;
    const size = this.size;
    const a0 = q0 * d;
    if (block === 1) {
      for (let i = 0; i < size; i++) {
        const row = i * d;
        let s = 0;
        for (let j = 0; j < d; j++) s += v[row + j] * queries[a0 + j];
        scores[i] = s;
      }
      return;
    }
    const a1 = a0 + (block > 1 ? d : 0);
    const a2 = a0 + (block > 2 ? 2 * d : 0);
    const a3 = a0 + (block > 3 ? 3 * d : 0);
    for (let i = 0; i < size; i++) {
      const row = i * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < d; j++) {
        const x = v[row + j];
        s0 += x * queries[a0 + j];
        s1 += x * queries[a1 + j];
        s2 += x * queries[a2 + j];
        s3 += x * queries[a3 + j];
      }
      scores[i] = s0;
      scores[size + i] = s1;
      scores[2 * size + i] = s2;
      scores[3 * size + i] = s3;
    }
  }

  /** The `k` best rows of one query's scores (ties: lower row first), as keys and scores. */
  private best(scores: Float32Array, k: number): VectorMatches {
    const rows = topK(scores, k);
    return { keys: Int32Array.from(rows, (r) => this.keys[r]), scores: Float32Array.from(rows, (r) => scores[r]) };
  }
}
