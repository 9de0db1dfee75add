import type { Product, Source } from '@magpie/contracts';
import type { IdList } from '@magpie/retrieval';

/** A query as every retriever sees it: the raw text and the analysed terms. */
export interface RetrievalQuery {
  text: string;
  terms: string[];
}

export interface RetrievedItem {
  /** Internal product id. */
  productId: number;
  score: number;
  matchedTerms: string[];
}

/** One retriever's answer: its best items, and every product it considers a match (for totals and facets). */
export interface RetrievedList {
  source: Source;
  /** Name of the retriever that made the list (`keyword`, `semantic`...); the engine sets it. */
  retriever?: string;
  items: RetrievedItem[];
  /** Each id once; an array or a typed array. */
  matchedIds: IdList;
}

export interface RetrieveOptions {
  limit: number;
  /** Products failing this (internal id) must not be returned nor counted. */
  filter?: (productId: number) => boolean;
}

/**
 * A way to find products for a query (keyword now; semantic retrieval with the item encoder later).
 * The engine keeps every retriever in step with the catalogue and fuses their lists.
 */
export interface Retriever {
  readonly name: string;
  upsert(product: Product): void | Promise<void>;
  remove(productId: number): void | Promise<void>;
  retrieve(query: RetrievalQuery, options: RetrieveOptions): RetrievedList | Promise<RetrievedList>;
  /** Optional: the engine is done with a list this retriever made (its storage may be reused; it is not read again). */
  recycle?(list: RetrievedList): void;
}
