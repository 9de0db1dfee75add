import type { Product } from '@magpie/contracts';
import { Bm25Index, type Bm25Options, type FieldTerms } from '@magpie/retrieval';
import type { Analyzer } from '../analyzer';
import type { AnalysedProduct } from '../ranking/fusion-features';
import type { RetrievalQuery, RetrievedList, RetrieveOptions, Retriever } from './retriever';

/** The analysed terms of a product, per field (Chinese cut in index mode). */
export function productFieldTerms(product: Product, analyzer: Analyzer): FieldTerms {
  const fields: Record<string, string[]> = { title: analyzer.analyze(product.title, 'index') };
  if (product.brand) fields.brand = analyzer.analyze(product.brand, 'index');
  if (product.categories.length > 0) fields.category = analyzer.analyze(product.categories.join(' \n '), 'index');
  if (product.description) fields.description = analyzer.analyze(product.description, 'index');
  return fields;
}

/** A product's analysed text for learned fusion (see ProductTexts): every field's terms, the title's in order, its external id. */
export function productTextTerms(product: Product, analyzer: Analyzer): AnalysedProduct {
  const fields = productFieldTerms(product, analyzer);
  return { all: Object.values(fields).flat(), title: fields.title, externalId: product.externalId };
}

/**
 * Keyword retrieval: BM25F over the analysed product fields `title`, `brand`, `category`, `description`
 * (weights `DEFAULT_BM25_FIELDS` of @magpie/retrieval unless given), with typo tolerance.
 */
export class KeywordRetriever implements Retriever {
  readonly name = 'keyword';
  private readonly index: Bm25Index;

  constructor(
    private readonly analyzer: Analyzer,
    options: Bm25Options = {},
  ) {
    this.index = new Bm25Index(options);
  }

  upsert(product: Product): void {
    this.index.update(product.id, productFieldTerms(product, this.analyzer));
  }

  remove(productId: number): void {
    this.index.remove(productId);
  }

  retrieve(query: RetrievalQuery, options: RetrieveOptions): RetrievedList {
    const result = this.index.search(query.terms, { limit: options.limit, filter: options.filter });
    return {
      source: 'search',
      items: result.hits.map((hit) => ({ productId: hit.id, score: hit.score, matchedTerms: hit.matchedTerms })),
      matchedIds: result.matchedIds,
    };
  }

  recycle(list: RetrievedList): void {
    this.index.recycle(list.matchedIds);
  }
}
