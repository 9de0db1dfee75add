import { compileProductFilter, type Product, type SearchHit, type SearchResult } from '@magpie/contracts';
import type { Bm25Options } from '@magpie/retrieval';
import { createAnalyzer, type Analyzer } from '../analyzer';
import { FacetIndex } from './facets';
import { ProductTexts } from '../ranking/fusion-features';
import { reciprocalRankFusion, type Fusion } from './fusion';
import { KeywordRetriever, productTextTerms } from './keyword-retriever';
import type { RetrievalQuery, Retriever } from './retriever';
import { checkQueryAndFirst, type SearchRequest } from './search-request';
import { TitleSuggester, type Suggestion } from './suggester';

export interface SearchEngineOptions {
  /** Defaults to `createAnalyzer()` (stemming, stop words, jieba, unit normalisation). */
  analyzer?: Analyzer;
  /** BM25F parameters of the keyword retriever (k1, b, field weights, typo settings); `false` = no keyword retrieval. */
  keyword?: Bm25Options | false;
  /** Further retrievers (e.g. semantic) queried beside the keyword retriever and fused with it. */
  retrievers?: Retriever[];
  /** How lists are merged (default reciprocal rank fusion; one list passes through unchanged). */
  fusion?: Fusion;
  /** With several retrievers, each returns at least this many candidates for fusion (default 50). */
  candidates?: number;
  /** Values kept per facet (default 20). */
  facetSize?: number;
}

/**
 * Product search over an in-memory catalogue: analyse → retrieve (each retriever) → fuse → page,
 * with filters, totals and facets over all matches. Personal re-ranking will slot in after fusion.
 */
export class SearchEngine {
  private readonly analyzer: Analyzer;
  private readonly retrievers: Retriever[];
  private readonly fusion: Fusion;
  private readonly facetSize: number;
  private readonly candidates: number;
  /** Analysed text per product for fusion: made on upsert when several retrievers are fused, else when first asked. */
  private readonly texts = new ProductTexts((id) => {
    const product = this.products.get(id);
    return product && productTextTerms(product, this.analyzer);
  });
  private readonly suggester: TitleSuggester;
  private readonly products = new Map<number, Product>();
  private readonly facets = new FacetIndex();

  constructor(options: SearchEngineOptions = {}) {
    this.analyzer = options.analyzer ?? createAnalyzer();
    const keyword = options.keyword === false ? [] : [new KeywordRetriever(this.analyzer, options.keyword)];
    this.retrievers = [...keyword, ...(options.retrievers ?? [])];
    if (this.retrievers.length === 0) throw new Error('SearchEngine needs at least one retriever');
    this.candidates = this.retrievers.length > 1 ? (options.candidates ?? 50) : 0;
    this.fusion = options.fusion ?? reciprocalRankFusion();
    this.facetSize = options.facetSize ?? 20;
    this.suggester = new TitleSuggester(this.analyzer);
  }

  /** Number of products indexed. */
  get size(): number {
    return this.products.size;
  }

  /** Replaces the whole catalogue with these products. */
  async indexAll(products: Iterable<Product>): Promise<void> {
    for (const id of [...this.products.keys()]) await this.remove(id);
    for (const product of products) await this.upsert(product);
  }

  /** Adds a product or replaces the one with the same internal id. */
  async upsert(product: Product): Promise<void> {
    this.products.set(product.id, product);
    // Fusion reads every candidate's analysed text on every query: make it now, not on a query's clock.
    if (this.candidates > 0) this.texts.prepare(product.id);
    else this.texts.forget(product.id);
    this.facets.upsert(product);
    this.suggester.upsert(product);
    for (const retriever of this.retrievers) {
      const pending = retriever.upsert(product);
      if (pending) await pending;
    }
  }

  /** Removes a product by internal id; false when it was not indexed. */
  async remove(productId: number): Promise<boolean> {
    if (!this.products.delete(productId)) return false;
    this.texts.forget(productId);
    this.facets.remove(productId);
    this.suggester.remove(productId);
    for (const retriever of this.retrievers) {
      const pending = retriever.remove(productId);
      if (pending) await pending;
    }
    return true;
  }

  /**
   * Finds products for a query. A blank query (or one with only stop words) finds nothing.
   * Throws BAD_USER_INPUT for a query over 256 characters or `first` outside 0..100.
   */
  async search(request: SearchRequest): Promise<SearchResult> {
    const first = checkQueryAndFirst(request.query, request.first);
    const accepts = compileProductFilter(request.filter);
    const query: RetrievalQuery = { text: request.query, terms: this.analyzer.analyze(request.query) };
    const empty: SearchResult = { query: request.query, terms: query.terms, total: 0, hits: [], facets: { category: [], brand: [] } };
    if (query.terms.length === 0) return empty;
    const filter = accepts
      ? (id: number) => {
          const product = this.products.get(id);
          return product !== undefined && accepts(product);
        }
      : undefined;
    const limit = Math.max(first, this.candidates);
    const lists = await Promise.all(
      this.retrievers.map(async (r) => ({ ...(await r.retrieve(query, { limit, filter })), retriever: r.name })),
    );
    const found = lists.map((list) => new Set(list.items.map((i) => i.productId)));
    const hits: SearchHit[] = [];
    for (const item of this.fusion(lists, first, { queryTerms: query.terms, productTerms: this.texts })) {
      const product = this.products.get(item.productId);
      const retrievedBy = lists.filter((_, i) => found[i].has(item.productId)).map((l) => l.retriever);
      if (product) hits.push({ product, score: item.score, source: 'search', matchedTerms: item.matchedTerms, retrievedBy });
    }
    const { total, facets } = this.facets.count(lists.map((list) => list.matchedIds), this.facetSize);
    this.retrievers.forEach((retriever, i) => retriever.recycle?.(lists[i]));
    return { ...empty, total, hits, facets };
  }

  /** Completions of the last typed word from product titles, most frequent first. */
  async suggest(prefix: string, first = 10): Promise<Suggestion[]> {
    return this.suggester.suggest(prefix, checkQueryAndFirst(prefix, first));
  }
}
