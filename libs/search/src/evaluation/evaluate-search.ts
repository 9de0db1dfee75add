import { ndcgAtK } from '@magpie/math';
import type { SearchEngine } from '../engine/search-engine';

/** A graded relevance judgment: how well a product answers a query (1 = irrelevant … 3 = exact). */
export interface SearchJudgment {
  query: string;
  /** The product's external id. */
  productId: string;
  relevance: number;
}

export interface SearchEvaluation {
  /** Mean NDCG@k over the evaluated queries. */
  ndcgAtK: number;
  /** Queries evaluated. */
  queries: number;
  /** Queries skipped because none of their judged products has a positive gain (ideal DCG = 0). */
  skipped: number;
}

/**
 * The judged gains of each query (gain = relevance − 1), by the product's external id; a product judged
 * more than once for a query gets the mean of its gains. Queries in order of first judgment.
 */
export function judgedGains(judgments: readonly SearchJudgment[]): Map<string, Map<string, number>> {
  const byQuery = new Map<string, Map<string, number[]>>();
  for (const j of judgments) {
    let products = byQuery.get(j.query);
    if (!products) byQuery.set(j.query, (products = new Map()));
    products.set(j.productId, [...(products.get(j.productId) ?? []), j.relevance - 1]);
  }
  return new Map([...byQuery].map(([query, judged]) => [query, new Map([...judged].map(([id, g]) => [id, g.reduce((a, b) => a + b, 0) / g.length]))]));
}

/**
 * Offline search quality: NDCG@k averaged over the judged queries.
 *
 * For each query, the engine's top k products are mapped to gains, gain = relevance − 1 (so 0..2);
 * products without a judgment for that query count as gain 0. The ideal DCG comes from that query's
 * judged gains sorted descending: NDCG@k = DCG@k / IDCG@k with DCG@k = Σ_{i≤k} gain_i / log2(i + 1).
 * A query whose judged gains are all 0 (IDCG = 0) has no meaningful NDCG and is skipped (counted in
 * `skipped`, not in the mean). Queries are taken as given (exact strings), judgments for the same
 * query and product are averaged.
 */
export async function evaluateSearch(input: {
  engine: Pick<SearchEngine, 'search'>;
  judgments: readonly SearchJudgment[];
  k?: number;
}): Promise<SearchEvaluation> {
  const k = input.k ?? 10;
  let sum = 0;
  let queries = 0;
  let skipped = 0;
  for (const [query, gains] of judgedGains(input.judgments)) {
    const ideal = [...gains.values()];
    if (!ideal.some((g) => g > 0)) {
      skipped++;
      continue;
    }
    const result = await input.engine.search({ query, first: k });
    const ranked = result.hits.map((hit) => gains.get(hit.product.externalId) ?? 0);
    sum += ndcgAtK(ranked, ideal, k);
    queries++;
  }
  return { ndcgAtK: queries > 0 ? sum / queries : 0, queries, skipped };
}
