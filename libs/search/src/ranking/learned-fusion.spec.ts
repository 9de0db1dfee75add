import type { RetrievedList } from '../engine/retriever';
import { FUSION_FEATURES, fusionCandidates, ProductTexts } from './fusion-features';
import { fitFusion, learnedFusion, scoreCandidates, type FusionExample } from './learned-fusion';

const list = (retriever: string, scored: Array<[number, number]>): RetrievedList => ({
  source: 'search',
  retriever,
  items: scored.map(([productId, score]) => ({ productId, score, matchedTerms: [] })),
  matchedIds: scored.map(([id]) => id),
});

const terms: Record<number, string[]> = { 1: ['cordless', 'drill'], 2: ['drill', 'bit'], 3: ['impact', 'driver'], 4: ['drill'] };
const productTerms = new ProductTexts((id) => terms[id] && { all: terms[id], title: terms[id] });

describe('fusion features', () => {
  it('describe every product of the union of keyword and semantic lists', () => {
    const candidates = fusionCandidates([list('keyword', [[1, 8], [2, 4]]), list('semantic', [[3, 0.9], [1, 0.7]])], ['cordless', 'drill'], productTerms);
    const byId = new Map(candidates.map((c) => [c.productId, c.features]));
    expect([...byId.keys()].sort()).toEqual([1, 2, 3]);
    for (const c of candidates) expect(c.features).toHaveLength(FUSION_FEATURES.length);
    const f = (id: number, name: (typeof FUSION_FEATURES)[number]) => (byId.get(id) ?? [])[FUSION_FEATURES.indexOf(name)];
    expect(f(1, 'keyword.score/max')).toBe(1);
    expect(f(2, 'keyword.score/max')).toBe(0.5);
    expect(f(3, 'keyword.found')).toBe(0);
    expect(f(3, 'semantic.cosine')).toBeCloseTo(0.9, 6);
    expect(f(1, 'semantic.cosine-max')).toBeCloseTo(-0.2, 6);
    expect(f(2, 'semantic.cosine-max')).toBe(-1); // not found semantically
    expect(f(1, 'coverage')).toBe(1);
    expect(f(2, 'coverage')).toBe(0.5);
    expect(f(3, 'coverage')).toBe(0);
    expect(candidates.find((c) => c.productId === 2)?.matchedTerms).toEqual(['drill']);
  });
});

describe('fusion features of the title and the query terms', () => {
  const texts = new ProductTexts((id) => ({ 7: { all: ['brand', 'cordless', 'drill', 'kit', 'battery'], title: ['brand', 'cordless', 'drill', 'kit'] } })[id]);
  const features = (query: string[]) => {
    const [c] = fusionCandidates([list('keyword', [[7, 5]])], query, texts);
    return Object.fromEntries(FUSION_FEATURES.map((name, f) => [name, c.features[f]]));
  };

  it('measure coverage, the last term, adjacent pairs and the first title match against the product text', () => {
    expect(features(['cordless', 'drill'])).toMatchObject({ coverage: 1, allTermsMatched: 1, lastTermMatched: 1, titlePhrase: 1, titleCoverage: 1, firstTitleMatch: 0.25 });
    // "battery" is only outside the title; "drill cordless" is not adjacent in that order.
    expect(features(['drill', 'cordless', 'battery'])).toMatchObject({ coverage: 1, lastTermMatched: 1, titlePhrase: 0, titleCoverage: 2 / 3, firstTitleMatch: 0.25 });
    expect(features(['kit', 'kit', 'saw'])).toMatchObject({ coverage: 0.5, allTermsMatched: 0, lastTermMatched: 0, titlePhrase: 0, titleCoverage: 0.5, firstTitleMatch: 0.75 });
    // A term no product holds matches nothing; a query holding nothing of the title.
    expect(features(['unheard', 'drill'])).toMatchObject({ coverage: 0.5, lastTermMatched: 1, titlePhrase: 0, titleCoverage: 0.5 });
    expect(features(['battery'])).toMatchObject({ coverage: 1, titleCoverage: 0, firstTitleMatch: 1, 'log(1+titleTerms)': Math.log1p(4) });
  });

  it('name the query terms a product holds when the keyword list did not', () => {
    const [c] = fusionCandidates([list('semantic', [[7, 0.5]])], ['kit', 'saw', 'battery'], texts);
    expect(c.matchedTerms).toEqual(['kit', 'battery']);
  });
});

describe('learned fusion', () => {
  // Relevance here follows coverage of the query, not the keyword score: fusion must learn that.
  const examples: FusionExample[] = Array.from({ length: 20 }, () => {
    const candidates = fusionCandidates([list('keyword', [[2, 9], [4, 8], [1, 3]]), list('semantic', [[3, 0.8], [1, 0.5]])], ['cordless', 'drill'], productTerms);
    return { candidates, gains: candidates.map((c) => (c.productId === 1 ? 2 : c.productId === 4 ? 0.5 : 0)) };
  });

  it('fits weights that order the candidates by gain, deterministically', () => {
    const model = fitFusion(examples);
    expect(model.features).toEqual([...FUSION_FEATURES]);
    const scores = scoreCandidates(model, examples[0].candidates);
    const order = examples[0].candidates.map((c, i) => [c.productId, scores[i]] as const).sort((a, b) => b[1] - a[1]).map(([id]) => id);
    expect(order[0]).toBe(1);
    expect(fitFusion(examples)).toEqual(model);
  });

  it('fuses lists into at most `limit` items, best first, with matched terms', () => {
    const fused = learnedFusion(fitFusion(examples))([list('keyword', [[2, 9], [4, 8], [1, 3]]), list('semantic', [[3, 0.8], [1, 0.5]])], 2, {
      queryTerms: ['cordless', 'drill'],
      productTerms,
    });
    expect(fused).toHaveLength(2);
    expect(fused[0].productId).toBe(1);
    expect(fused[0].matchedTerms.sort()).toEqual(['cordless', 'drill']);
  });

  it('refuses a model trained on other features', () => {
    const model = { ...fitFusion(examples), features: ['x'] };
    expect(() => scoreCandidates(model, examples[0].candidates)).toThrow(/other features/);
  });
});
