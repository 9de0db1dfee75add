import { judgedGains, type SearchJudgment } from '../evaluation/evaluate-search';

/** How searches engaged with one product: the distinct queries judging it (or clicking it) and their summed gain (relevance − 1). */
export interface ProductEngagement {
  queries: number;
  gain: number;
}

/** Looks up a product's engagement by external id. */
export interface EngagementLookup {
  get(externalId: string): ProductEngagement | undefined;
}

/** Stored form (in the fusion model): [external id, queries, summed gain] per engaged product. */
export type EngagementEntries = ReadonlyArray<readonly [string, number, number]>;

/**
 * What past searches said of each product, by external id: a search-popularity prior for learned fusion.
 * Judged or clicked query–product pairs mark the products shoppers were shown and chose; a product they
 * chose for other queries is likelier to be chosen for a new one among equally matching products (on
 * Home Depot, evaluation queries disjoint from the training ones: fusion lab, tools/bench/fusion-variants.ts,
 * NDCG@10 0.4274 without the engagement features, 0.4552 with them; eval-search's hybrid 0.4582).
 */
export class SearchEngagement implements EngagementLookup {
  static readonly NONE = new SearchEngagement([]);

  private readonly byProduct = new Map<string, ProductEngagement>();

  constructor(entries: EngagementEntries) {
    for (const [externalId, queries, gain] of entries) this.byProduct.set(externalId, { queries, gain });
  }

  /** One count per distinct (query, product) pair; repeated judgments of a pair are averaged first. */
  static fromJudgments(judgments: readonly SearchJudgment[]): SearchEngagement {
    const totals = new Map<string, [number, number]>();
    for (const judged of judgedGains(judgments).values()) {
      for (const [externalId, gain] of judged) {
        const total = totals.get(externalId) ?? [0, 0];
        totals.set(externalId, [total[0] + 1, total[1] + gain]);
      }
    }
    return new SearchEngagement([...totals].map(([externalId, [queries, gain]]) => [externalId, queries, gain] as const));
  }

  /** The product's engagement, undefined when no search engaged with it. */
  get(externalId: string): ProductEngagement | undefined {
    return this.byProduct.get(externalId);
  }

  /**
   * This engagement without one query's own judgments (external id → gain, as judgedGains gives them):
   * what the other queries said, for fitting fusion on a query whose judgments are counted here.
   */
  without(judged: ReadonlyMap<string, number>): EngagementLookup {
    return {
      get: (externalId) => {
        const all = this.byProduct.get(externalId);
        const own = judged.get(externalId);
        if (!all || own === undefined) return all;
        return all.queries > 1 ? { queries: all.queries - 1, gain: all.gain - own } : undefined;
      },
    };
  }

  get size(): number {
    return this.byProduct.size;
  }

  entries(): Array<[string, number, number]> {
    return [...this.byProduct].map(([externalId, { queries, gain }]) => [externalId, queries, gain]);
  }
}
