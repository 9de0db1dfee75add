import { vectorIndexFor, type VectorIndex, type VectorSet } from '@magpie/retrieval';
import { LruCache } from './lru-cache';
import type { PrefixState, SequenceEncoder, SequenceModelConfig } from './ml-contract';

/** One history through the model: its user vector, explain weights per position, and the nearest items. */
export interface ScoredHistory {
  /** The history's encoding (dim floats). */
  vector: Float32Array;
  /** explain() weights per history position. */
  weights: Float32Array;
  /** Model indices of the nearest items, best first (the history's own items included). */
  found: Int32Array;
  /** Their scores (dot products with the user vector), best first. */
  scores: Float32Array;
}

/**
 * The model half of sequence serving: histories (model indices) in, vectors and nearest items out.
 * `SequenceScorer` does it in the calling thread; a serving thread can host one and answer the same
 * calls asynchronously (see the runtime's threaded scorer), so the request thread keeps serving meanwhile.
 */
export interface SequenceScoring {
  readonly config: SequenceModelConfig;
  /** "exact" or "hnsw", and where it runs. */
  readonly description: string;
  /** Item embeddings, row k = model index k (row 0: padding). */
  itemEmbeddings(): Float32Array;
  /** Each history's vector, weights and its `fetch` nearest items; `keys` (the indices joined by commas), when the caller has them. */
  score(histories: readonly Int32Array[], fetch: number, keys?: readonly string[]): ScoredHistory[] | Promise<ScoredHistory[]>;
  dispose(): void;
}

export interface SequenceScorerOptions {
  /** Catalogue size from which the usearch HNSW index replaces exact scoring. */
  annThreshold: number;
  /**
   * Distinct histories whose encoder state is remembered, so the same history plus one event is encoded
   * from it (default 5000; SASRec at d 64 with 2 blocks: ≤ 13 KB per history of 50 items).
   */
  prefixCacheSize?: number;
  /** Builds the exact index below the ANN threshold (default: retrieval's plain-JS ExactVectorIndex). */
  exactIndex?: (set: VectorSet) => VectorIndex;
}

/**
 * Scores in the calling thread: item embeddings in a vector index (exact below `annThreshold` items,
 * HNSW from there), every history of a call in one forward pass, and with an incremental encoder
 * (SASRec) each history's state remembered so the same history plus one event costs one position.
 */
export class SequenceScorer implements SequenceScoring {
  private readonly prefixes: LruCache<string, PrefixState>;

  private constructor(
    private readonly encoder: SequenceEncoder,
    private readonly index: VectorIndex,
    options: SequenceScorerOptions,
  ) {
    this.prefixes = new LruCache(options.prefixCacheSize ?? 5000);
  }

  static create(encoder: SequenceEncoder, options: SequenceScorerOptions): SequenceScorer {
    const { numItems, dim } = encoder.config;
    const set = {
      vectors: encoder.itemEmbeddings().slice(dim, (numItems + 1) * dim), // row 0 is padding
      keys: Int32Array.from({ length: numItems }, (_, i) => i + 1),
      dimensions: dim,
    };
    return new SequenceScorer(encoder, vectorIndexFor(set, { annThreshold: options.annThreshold, exact: options.exactIndex }), options);
  }

  get config(): SequenceModelConfig {
    return this.encoder.config;
  }

  get description(): string {
    return this.index.kind;
  }

  itemEmbeddings(): Float32Array {
    return this.encoder.itemEmbeddings();
  }

  score(histories: readonly Int32Array[], fetch: number, keys: readonly string[] = histories.map((h) => h.join(','))): ScoredHistory[] {
    const d = this.encoder.config.dim;
    const explained = this.explain(histories, keys);
    const vectors = new Float32Array(histories.length * d);
    explained.forEach((e, i) => vectors.set(e.vector, i * d));
    const matches = this.index.search(vectors, fetch);
    return explained.map(({ vector, weights }, i) => ({ vector, weights, found: matches[i].keys, scores: matches[i].scores }));
  }

  dispose(): void {
    this.index.dispose?.();
    this.encoder.dispose();
  }

  /**
   * Vectors and weights of the histories (`keys`: their cache keys); with an incremental encoder, a history whose prefix (the same
   * history without its newest item: the shopper's previous request) was encoded before is encoded from
   * that prefix's state, and every history's state is remembered for its next event.
   */
  private explain(histories: readonly Int32Array[], keys: readonly string[]): Array<{ vector: Float32Array; weights: Float32Array }> {
    if (!this.encoder.explainExtending) return this.encoder.explainMany(histories);
    const prefixKey = (key: string) => key.slice(0, key.lastIndexOf(','));
    const prefixes = histories.map((h, i) => (h.length >= 2 ? (this.prefixes.get(prefixKey(keys[i])) ?? null) : null));
    const explained = this.encoder.explainExtending(histories, prefixes);
    explained.forEach((e, i) => this.prefixes.set(keys[i], e.state));
    return explained;
  }
}
