import type { Product } from '@magpie/contracts';
import type { ContentItem } from '@magpie/ml';
import type { VectorIndex, VectorSet } from '@magpie/retrieval';
import type { Analyzer } from '../analyzer';
import { productContent } from './product-content';
import type { RetrievalQuery, RetrievedList, RetrieveOptions, Retriever } from './retriever';

/** What semantic retrieval needs of the content encoder: queries and products into one space. */
export interface QueryProductEncoder {
  readonly dimensions: number;
  encodeQueries(texts: readonly (readonly string[])[]): Float32Array;
  encodeItems(items: readonly ContentItem[]): Float32Array;
}

export interface SemanticRetrieverOptions {
  encoder: QueryProductEncoder;
  analyzer: Analyzer;
  /** Builds the vector index over the product vectors (exact or HNSW by catalogue size). */
  createIndex: (set: VectorSet) => VectorIndex;
  /** With a filter, this many times `limit` nearest products are fetched before filtering (default 4). */
  overFetch?: number;
  /** Products at or below this cosine are not matches (default 0: unrelated or opposite). */
  minScore?: number;
}

/**
 * Semantic retrieval: the query's vector against every product's content vector (cosine: both unit
 * length). Upserts are queued and encoded in one batch, and the index rebuilt, at the next retrieval
 * (or `flush`), so indexing a catalogue costs one pass of the encoder, not one per product.
 */
export class SemanticRetriever implements Retriever {
  readonly name = 'semantic';
  private readonly vectors = new Map<number, Float32Array>();
  private readonly pending = new Map<number, Product>();
  private readonly encoded = new Map<number, Product>();
  private index: VectorIndex | null = null;
  private dirty = false;

  constructor(private readonly options: SemanticRetrieverOptions) {}

  upsert(product: Product): void {
    if (this.encoded.get(product.id) === product) return; // the same object again (e.g. a second engine sharing this retriever)
    this.pending.set(product.id, product);
    this.dirty = true;
  }

  remove(productId: number): void {
    this.pending.delete(productId);
    this.encoded.delete(productId);
    if (this.vectors.delete(productId)) this.dirty = true;
  }

  /** Encodes queued products and rebuilds the index now. */
  flush(): void {
    if (!this.dirty) return;
    const queued = [...this.pending.values()];
    this.pending.clear();
    if (queued.length > 0) {
      const d = this.options.encoder.dimensions;
      const encoded = this.options.encoder.encodeItems(queued.map((p) => productContent(p, this.options.analyzer)));
      queued.forEach((p, i) => {
        this.vectors.set(p.id, encoded.slice(i * d, (i + 1) * d));
        this.encoded.set(p.id, p);
      });
    }
    this.index?.dispose?.();
    const keys = Int32Array.from(this.vectors.keys());
    const vectors = new Float32Array(keys.length * this.options.encoder.dimensions);
    keys.forEach((key, i) => vectors.set(this.vectors.get(key) as Float32Array, i * this.options.encoder.dimensions));
    this.index = keys.length > 0 ? this.options.createIndex({ vectors, keys, dimensions: this.options.encoder.dimensions }) : null;
    this.dirty = false;
  }

  retrieve(query: RetrievalQuery, options: RetrieveOptions): RetrievedList {
    this.flush();
    const empty: RetrievedList = { source: 'search', items: [], matchedIds: [] };
    if (!this.index || query.terms.length === 0 || options.limit <= 0) return empty;
    const fetch = options.filter ? options.limit * (this.options.overFetch ?? 4) : options.limit;
    const minScore = this.options.minScore ?? 0;
    const [matches] = this.index.search(this.options.encoder.encodeQueries([query.terms]), fetch);
    const items: RetrievedList['items'] = [];
    for (let i = 0; i < matches.keys.length && items.length < options.limit; i++) {
      const productId = matches.keys[i];
      if (matches.scores[i] <= minScore) break;
      if (!options.filter || options.filter(productId)) items.push({ productId, score: matches.scores[i], matchedTerms: [] });
    }
    return { ...empty, items, matchedIds: items.map((i) => i.productId) };
  }

  /** The products whose vectors are nearest this product's (itself left out), best first. */
  neighbours(productId: number, k: number): Array<{ productId: number; score: number }> {
    this.flush();
    const vector = this.vectors.get(productId);
    if (!this.index || !vector || k <= 0) return [];
    const [matches] = this.index.search(vector, k + 1);
    const out: Array<{ productId: number; score: number }> = [];
    for (let i = 0; i < matches.keys.length && out.length < k; i++) if (matches.keys[i] !== productId) out.push({ productId: matches.keys[i], score: matches.scores[i] });
    return out;
  }

  dispose(): void {
    this.index?.dispose?.();
    this.index = null;
  }
}
