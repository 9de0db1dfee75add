import { BatchMatches, Index, MetricKind, type Matches } from 'usearch';

const MAX_KEY = BigInt(2 ** 31 - 1);
import { ExactVectorIndex } from './exact-vector-index';
import { checkVectorSet, type VectorIndex, type VectorMatches, type VectorSet } from './vector-index';

export interface UsearchOptions {
  /** Graph degree of the HNSW index (default 16). */
  connectivity?: number;
  /** Candidate list size while searching (default 128; higher = better recall, slower). */
  expansionSearch?: number;
}

/**
 * Approximate maximum-inner-product search through a usearch HNSW index (metric "ip", whose
 * distance is 1 − ⟨q, v⟩, turned back into the inner product here). For large catalogues, where
 * exact scoring of every item per request costs too much.
 */
export class UsearchVectorIndex implements VectorIndex {
  readonly kind = 'hnsw';
  readonly dimensions: number;
  private readonly index: Index;
  private readonly count: number;

  constructor(set: VectorSet, options: UsearchOptions = {}) {
    checkVectorSet(set);
    this.dimensions = set.dimensions;
    this.count = set.keys.length;
    this.index = new Index({
      metric: MetricKind.IP,
      dimensions: set.dimensions,
      connectivity: options.connectivity ?? 16,
      expansion_search: options.expansionSearch ?? 128,
    } as ConstructorParameters<typeof Index>[0]);
    if (this.count > 0) this.index.add(BigUint64Array.from(set.keys, (k) => BigInt(k)), set.vectors);
  }

  get size(): number {
    return this.count;
  }

  search(queries: Float32Array, k: number): VectorMatches[] {
    const n = queries.length / this.dimensions;
    if (!Number.isInteger(n)) throw new Error(`queries must hold a multiple of ${this.dimensions} values`);
    const limit = Math.min(Math.max(0, Math.floor(k)), this.count);
    if (n === 0) return [];
    if (limit === 0) return Array.from({ length: n }, () => ({ keys: new Int32Array(0), scores: new Float32Array(0) }));
    // One query comes back as Matches, several as BatchMatches (a runtime distinction of usearch).
    const result: Matches | BatchMatches = this.index.search(queries, limit, 1);
    const rows = result instanceof BatchMatches ? Array.from({ length: n }, (_, q) => result.get(q)) : [result];
    const out: VectorMatches[] = [];
    for (const m of rows) {
      const keys = new Int32Array(m.keys.length);
      const scores = new Float32Array(m.keys.length);
      let at = 0;
      for (let i = 0; i < m.keys.length; i++) {
        if (m.keys[i] > MAX_KEY) continue; // usearch pads missing results
        keys[at] = Number(m.keys[i]);
        scores[at++] = 1 - m.distances[i];
      }
      out.push({ keys: keys.slice(0, at), scores: scores.slice(0, at) });
    }
    return out;
  }
}

/**
 * The index for a catalogue of this size: exact below `annThreshold` vectors (`exact`, default the
 * plain-JS ExactVectorIndex), the usearch HNSW index from there.
 */
export function vectorIndexFor(set: VectorSet, options: { annThreshold: number; exact?: (set: VectorSet) => VectorIndex }): VectorIndex {
  return set.keys.length >= options.annThreshold ? new UsearchVectorIndex(set) : (options.exact ?? ((v) => new ExactVectorIndex(v)))(set);
}
