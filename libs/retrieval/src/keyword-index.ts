/** Analysed terms of one document, per field (e.g. `{ title: ['cordless', 'drill'], brand: ['makita'] }`). */
export type FieldTerms = Readonly<Record<string, readonly string[]>>;

/**
 * Document ids: an array, or a typed array (no heap object per id, which matters when a query
 * matches tens of thousands of documents).
 */
export type IdList = ArrayLike<number> & Iterable<number>;

/** A vocabulary term with the number of documents that contain it. */
export interface TermCount {
  term: string;
  documentFrequency: number;
}

/** One scored document. */
export interface KeywordHit {
  id: number;
  score: number;
  /** Vocabulary terms of this document that matched the query (after typo or prefix expansion). */
  matchedTerms: string[];
}

export interface KeywordSearchOptions {
  /** How many best hits to return, best first (default 10). `matchedIds` is never limited. */
  limit?: number;
  /** Only documents for which this returns true are scored, returned and counted. */
  filter?: (id: number) => boolean;
  /** Expand unknown or very rare query terms to near spellings in the vocabulary (default true). */
  typoTolerance?: boolean;
  /** Treat the last query term as a prefix, for search-as-you-type (default false). */
  prefixLast?: boolean;
}

export interface KeywordSearchResult {
  /** The best `limit` documents, by score descending (equal scores: lower id first). */
  hits: KeywordHit[];
  /** Every document that matched at least one (expanded) query term and passed the filter, each once, unordered. */
  matchedIds: IdList;
}

/**
 * A keyword (inverted) index over documents with analysed per-field terms.
 * Ids are the caller's numeric document ids. Implementations must pass `keywordIndexContract`.
 */
export interface KeywordIndex {
  /** Number of documents indexed. */
  readonly size: number;
  /** Adds a new document; throws if the id is already indexed (use `update` to replace). */
  add(id: number, fields: FieldTerms): void;
  /** Replaces a document's terms, or adds it when absent. */
  update(id: number, fields: FieldTerms): void;
  /** Removes a document; returns false when it was not indexed. */
  remove(id: number): boolean;
  has(id: number): boolean;
  /** Number of documents containing the term in any field. */
  documentFrequency(term: string): number;
  /** Vocabulary terms that start with `prefix`, by document frequency descending (then term ascending). */
  completions(prefix: string, limit: number): TermCount[];
  /** Scores documents matching any of the query terms (a disjunction). */
  search(terms: readonly string[], options?: KeywordSearchOptions): KeywordSearchResult;
  /**
   * Optional: gives back a result's `matchedIds` once the caller is done with them, so a later search may
   * reuse their storage. After this call the caller must not read them again.
   */
  recycle?(matchedIds: IdList): void;
}
