import type { SearchResult } from '@magpie/contracts';
import { SearchEngine } from '../engine/search-engine';
import { makeProduct } from '../engine/test-products';
import { evaluateSearch, judgedGains, type SearchJudgment } from './evaluate-search';

/** A stand-in engine returning fixed rankings (external ids) per query. */
const fakeEngine = (rankings: Record<string, string[]>) => ({
  search: async ({ query, first }: { query: string; first?: number | null }): Promise<SearchResult> => ({
    query,
    terms: [],
    total: 0,
    facets: { category: [], brand: [] },
    hits: (rankings[query] ?? []).slice(0, first ?? 20).map((externalId, i) => ({
      product: { ...makeProduct(i + 1, externalId), externalId },
      score: 1,
      source: 'search' as const,
      matchedTerms: [],
      retrievedBy: ['keyword'],
    })),
  }),
});

describe('evaluateSearch', () => {
  const judgments: SearchJudgment[] = [
    { query: 'a', productId: 'p1', relevance: 1 }, // gain 0
    { query: 'a', productId: 'p2', relevance: 3 }, // gain 2
    { query: 'a', productId: 'p4', relevance: 2 }, // gain 1, never returned
    { query: 'b', productId: 'p5', relevance: 2 },
    { query: 'c', productId: 'p6', relevance: 1 }, // only irrelevant judgments: skipped
  ];

  it('averages NDCG@10 with gain = relevance − 1 and unjudged products at gain 0', async () => {
    const engine = fakeEngine({ a: ['p1', 'p2', 'p3'], b: ['p5'], c: ['p6'] });
    const result = await evaluateSearch({ engine, judgments });
    // a: DCG = 2/log2(3) = 1.26186; IDCG = 2 + 1/log2(3) = 2.63093; NDCG = 0.47962. b: 1. Mean 0.73981.
    expect(result.ndcgAtK).toBeCloseTo(0.739812, 5);
    expect(result).toMatchObject({ queries: 2, skipped: 1 });
  });

  it('cuts the ranking at k', async () => {
    const engine = fakeEngine({ a: ['p3', 'p2'], b: ['p5'] });
    const atOne = await evaluateSearch({ engine, judgments: judgments.filter((j) => j.query === 'a'), k: 1 });
    expect(atOne.ndcgAtK).toBe(0);
    const atTwo = await evaluateSearch({ engine, judgments: judgments.filter((j) => j.query === 'a'), k: 2 });
    // DCG@2 = 2/log2(3) = 1.26186; IDCG@2 = 2 + 1/log2(3) = 2.63093
    expect(atTwo.ndcgAtK).toBeCloseTo(0.479625, 5);
  });

  it('scores a real engine end to end', async () => {
    const engine = new SearchEngine();
    await engine.indexAll([
      makeProduct(1, 'Cordless Drill', { externalId: 'drill' }),
      makeProduct(2, 'Drill Bit Set', { externalId: 'bits' }),
      makeProduct(3, 'Claw Hammer', { externalId: 'hammer' }),
    ]);
    const result = await evaluateSearch({
      engine,
      judgments: [
        { query: 'cordless drill', productId: 'drill', relevance: 3 },
        { query: 'cordless drill', productId: 'bits', relevance: 1.5 },
        { query: 'hammer', productId: 'hammer', relevance: 3 },
      ],
    });
    expect(result).toEqual({ ndcgAtK: 1, queries: 2, skipped: 0 });
  });
});

describe('judgedGains', () => {
  it('groups gains (relevance − 1) by query and product, averaging a product judged twice, queries in order of first judgment', () => {
    const gains = judgedGains([
      { query: 'drill', productId: 'a', relevance: 3 },
      { query: 'saw', productId: 'b', relevance: 1 },
      { query: 'drill', productId: 'c', relevance: 2 },
      { query: 'drill', productId: 'a', relevance: 2 },
    ]);
    expect([...gains.keys()]).toEqual(['drill', 'saw']);
    expect(Object.fromEntries(gains.get('drill') ?? [])).toEqual({ a: 1.5, c: 1 });
    expect(Object.fromEntries(gains.get('saw') ?? [])).toEqual({ b: 0 });
  });
});
