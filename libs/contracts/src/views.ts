import type { Product } from './domain';

/** Where a recommended or found item came from. */
export const SOURCES = ['sequence', 'longtail', 'cooccurrence', 'popular', 'similar', 'search'] as const;
export type Source = (typeof SOURCES)[number];

export interface ProductFilter {
  /** Matches any level of the category path (case-insensitive). */
  category?: string | null;
  brand?: string | null;
  priceMin?: number | null;
  priceMax?: number | null;
  inStock?: boolean | null;
  /** Product external ids never to return. */
  excludeIds?: string[] | null;
}

export interface RecommendedItem {
  product: Product;
  score: number;
  source: Source;
  /**
   * The model version that produced the item ("SEQUENCE:12", "LONGTAIL:7", "STATS:3"), null when no
   * model did; clients echo it with `source` in impression and click events (the feedback loop).
   */
  modelVersion: string | null;
  /** Human-readable why, e.g. "Bought together with Rose Serum". */
  reason: string;
}

export interface SearchHit {
  product: Product;
  score: number;
  source: Source;
  /** Query terms (analysed form) that matched this product. */
  matchedTerms: string[];
  /** The retrievers that found it (`keyword`, `semantic`). */
  retrievedBy: string[];
}

export interface FacetValue {
  value: string;
  count: number;
}

export interface SearchResult {
  query: string;
  /** The analysed query terms (segmented, stemmed). */
  terms: string[];
  total: number;
  hits: SearchHit[];
  facets: { category: FacetValue[]; brand: FacetValue[] };
}

export interface PageInfo {
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface Connection<T> {
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

export interface UpsertResult {
  created: number;
  updated: number;
  /** Products sent again with identical content (left untouched). */
  unchanged: number;
}

export interface RecordEventsResult {
  accepted: number;
  duplicates: number;
}

export interface ForgetUserResult {
  events: number;
  candidates: number;
}

/** Impressions and clicks of one model version of a source (null = no model, e.g. events without a version). */
export interface BlendVersionStats {
  modelVersion: string | null;
  impressions: number;
  clicks: number;
  /** clicks / impressions (0 before any impression). */
  ctr: number;
}

/** The feedback loop's view of one blend source. */
export interface BlendSourceStats {
  source: Source;
  impressions: number;
  clicks: number;
  ctr: number;
  /** Posterior mean click-through under the bandit's Beta prior. */
  posteriorMean: number;
  /** Expected share of the total blend weight now (bandit on: floor + lead · P(best); off: the fixed blend's share). */
  weight: number;
  versions: BlendVersionStats[];
}

export interface BlendStats {
  /** Whether blend weights adapt online (Thompson sampling) or the fixed default blend is used. */
  bandit: boolean;
  /** Least share of the total weight any source gets. */
  floorShare: number;
  sources: BlendSourceStats[];
}
