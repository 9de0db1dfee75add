import type { ContentItem } from '@magpie/ml';
import type { VectorIndex, VectorMatches, VectorSet } from '@magpie/retrieval';

/** What semantic retrieval needs of the content encoder: queries and products into one space. */
export interface QueryProductEncoder {
  readonly dimensions: number;
  encodeQueries(texts: readonly (readonly string[])[]): Float32Array;
  encodeItems(items: readonly ContentItem[]): Float32Array;
}

/**
 * Where queries and vectors find their nearest products: the encoder's query tower and the index of the
 * product vectors. In this thread (`LocalSemanticIndex`) or in a serving thread of its own (the gateway's),
 * so its answers may come later. Calls are answered in the order they are made: a search after a
 * `rebuild` sees the new vectors.
 */
export interface SemanticIndex {
  /** Puts `set` in place of the indexed product vectors. */
  rebuild(set: VectorSet): void;
  /** For each query (its analysed terms), its `k` nearest products, best first. */
  searchQueries(queries: readonly (readonly string[])[], k: number): VectorMatches[] | Promise<VectorMatches[]>;
  /** The `k` nearest products of a vector, best first. */
  searchVector(vector: Float32Array, k: number): VectorMatches | Promise<VectorMatches>;
  dispose(): void;
}

const noMatches = (): VectorMatches => ({ keys: new Int32Array(0), scores: new Float32Array(0) });

/** The semantic index in this thread: the query tower of `encoder` and an index made by `createIndex` (exact or HNSW). */
export class LocalSemanticIndex implements SemanticIndex {
  private index: VectorIndex | null = null;

  constructor(
    private readonly encoder: Pick<QueryProductEncoder, 'encodeQueries'>,
    private readonly createIndex: (set: VectorSet) => VectorIndex,
  ) {}

  rebuild(set: VectorSet): void {
    this.index?.dispose?.();
    this.index = set.keys.length > 0 ? this.createIndex(set) : null;
  }

  searchQueries(queries: readonly (readonly string[])[], k: number): VectorMatches[] {
    if (!this.index || queries.length === 0) return queries.map(noMatches);
    return this.index.search(this.encoder.encodeQueries(queries), k);
  }

  searchVector(vector: Float32Array, k: number): VectorMatches {
    return this.index ? this.index.search(vector, k)[0] : noMatches();
  }

  dispose(): void {
    this.index?.dispose?.();
    this.index = null;
  }
}
