import type { Product } from '@magpie/contracts';
import { MicroBatcher, type VectorMatches } from '@magpie/retrieval';
import type { Analyzer } from '../analyzer';
import { productContent } from './product-content';
import type { RetrievalQuery, RetrievedList, RetrieveOptions, Retriever } from './retriever';
import type { QueryProductEncoder, SemanticIndex } from './semantic-index';

export type { QueryProductEncoder } from './semantic-index';

export interface SemanticRetrieverOptions {
  /** Encodes the products (the queries are encoded by `index`). */
  encoder: QueryProductEncoder;
  analyzer: Analyzer;
  /** The query tower and the index of the product vectors (here or in a serving thread); disposed with the retriever. */
  index: SemanticIndex;
  /** With a filter, this many times `limit` nearest products are fetched before filtering (default 4). */
  overFetch?: number;
  /** Products at or below this cosine are not matches (default 0: unrelated or opposite). */
  minScore?: number;
}

/** One query of a batch with its options. */
export interface SemanticRequest {
  query: RetrievalQuery;
  options: RetrieveOptions;
}

/**
 * Semantic retrieval: the query's vector against every product's content vector (cosine: both unit
 * length). Upserts are queued and encoded in one batch, and the index rebuilt, at the next retrieval
 * (or `flush`), so indexing a catalogue costs one pass of the encoder, not one per product. The
 * searches of one event-loop turn (concurrent requests) are encoded and scored together: one encoder
 * pass and one index search (for exact scoring, one read of the product matrix) for all of them.
 */
export class SemanticRetriever implements Retriever {
  readonly name = 'semantic';
  private readonly vectors = new Map<number, Float32Array>();
  private readonly pending = new Map<number, Product>();
  private readonly encoded = new Map<number, Product>();
  private dirty = false;
  private readonly batcher = new MicroBatcher<SemanticRequest, RetrievedList>((batch) => this.retrieveMany(batch));

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
    const keys = Int32Array.from(this.vectors.keys());
    const vectors = new Float32Array(keys.length * this.options.encoder.dimensions);
    keys.forEach((key, i) => vectors.set(this.vectors.get(key) as Float32Array, i * this.options.encoder.dimensions));
    this.options.index.rebuild({ vectors, keys, dimensions: this.options.encoder.dimensions });
    this.dirty = false;
  }

  retrieve(query: RetrievalQuery, options: RetrieveOptions): Promise<RetrievedList> {
    return this.batcher.submit({ query, options });
  }

  /** Retrieval for several queries now: their vectors in one encoder pass, one index search for all. */
  retrieveMany(requests: readonly SemanticRequest[]): RetrievedList[] | Promise<RetrievedList[]> {
    this.flush();
    const out = requests.map((): RetrievedList => ({ source: 'search', items: [], matchedIds: [] }));
    const asked = requests.flatMap((r, i) => (this.vectors.size > 0 && r.query.terms.length > 0 && r.options.limit > 0 ? [i] : []));
    if (asked.length === 0) return out;
    const fetchOf = ({ options }: SemanticRequest) => (options.filter ? options.limit * (this.options.overFetch ?? 4) : options.limit);
    const fetch = Math.max(...asked.map((i) => fetchOf(requests[i])));
    const minScore = this.options.minScore ?? 0;
    const toLists = (matches: VectorMatches[]) => {
      asked.forEach((r, q) => {
        const { options } = requests[r];
        const { keys, scores } = matches[q];
        const items: RetrievedList['items'] = [];
        for (let i = 0; i < keys.length && i < fetchOf(requests[r]) && items.length < options.limit; i++) {
          if (scores[i] <= minScore) break;
          if (!options.filter || options.filter(keys[i])) items.push({ productId: keys[i], score: scores[i], matchedTerms: [] });
        }
        out[r] = { ...out[r], items, matchedIds: items.map((i) => i.productId) };
      });
      return out;
    };
    const matches = this.options.index.searchQueries(asked.map((i) => requests[i].query.terms), fetch);
    return Array.isArray(matches) ? toLists(matches) : matches.then(toLists);
  }

  /** The products whose vectors are nearest this product's (itself left out), best first. */
  async neighbours(productId: number, k: number): Promise<Array<{ productId: number; score: number }>> {
    this.flush();
    const vector = this.vectors.get(productId);
    if (!vector || k <= 0) return [];
    const matches = await this.options.index.searchVector(vector, k + 1);
    const out: Array<{ productId: number; score: number }> = [];
    for (let i = 0; i < matches.keys.length && out.length < k; i++) if (matches.keys[i] !== productId) out.push({ productId: matches.keys[i], score: matches.scores[i] });
    return out;
  }

  dispose(): void {
    this.options.index.dispose();
  }
}
