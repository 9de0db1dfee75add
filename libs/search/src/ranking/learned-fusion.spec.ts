import type { RetrievedList } from '../engine/retriever';
import { FUSION_FEATURES, fusionCandidates, ProductTexts } from './fusion-features';
import { fitFusion, learnedFusion, scoreCandidates, type FusionExample } from './learned-fusion';
import { SearchEngagement } from './search-engagement';

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

  it('carry what past searches said of the product, by its external id', () => {
    const withExternal = new ProductTexts((id) => ({ all: ['drill'], title: ['drill'], externalId: `p${id}` }));
    const engagement = new SearchEngagement([['p7', 3, 4.5]]);
    const [engaged, unknown] = fusionCandidates([list('keyword', [[7, 5], [8, 5]])], ['drill'], withExternal, engagement).map((c) =>
      Object.fromEntries(FUSION_FEATURES.map((name, f) => [name, c.features[f]])),
    );
    expect(engaged).toMatchObject({ 'engagement.log(1+queries)': Math.log1p(3), 'engagement.seen': 1, 'engagement.meanGain': 1.5, 'keyword.score/10': 0.5, 'keyword.score/max×engaged': 1 });
    expect(unknown).toMatchObject({ 'engagement.log(1+queries)': 0, 'engagement.seen': 0, 'engagement.meanGain': 0, 'keyword.score/10': 0.5, 'keyword.score/max×engaged': 0 });
    expect(features(['drill'])).toMatchObject({ 'engagement.seen': 0 }); // no engagement given
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
    expect(() => learnedFusion(model)).toThrow(/other features/);
  });

  it('scores with a model saved before later features existed, on the features it names', () => {
    const model = fitFusion(examples);
    const first = 6;
    const older = { features: model.features.slice(0, first), mean: model.mean.slice(0, first), std: model.std.slice(0, first), weights: model.weights.slice(0, first) };
    const expected = examples[0].candidates.map((c) => c.features.slice(0, first).reduce((s, x, f) => s + (older.weights[f] * (x - older.mean[f])) / older.std[f], 0));
    scoreCandidates(older, examples[0].candidates).forEach((s, i) => expect(s).toBeCloseTo(expected[i], 12));
  });

  it('learns from engagement, stores the serving engagement with the model and uses it to order equal matches', () => {
    // Products 1 and 4 match the query alike; searches chose product 1 before, and it is the relevant one.
    const texts = new ProductTexts((id) => ({ all: ['cordless', 'drill'], title: ['cordless', 'drill'], externalId: `p${id}` }));
    const lists = [list('keyword', [[1, 5], [4, 5]])];
    const swapped = [list('keyword', [[4, 5], [1, 5]])];
    const seen = new SearchEngagement([['p1', 2, 4]]);
    // Either product listed first, so only the engagement tells them apart.
    const engaged: FusionExample[] = Array.from({ length: 10 }, (_, i) => {
      const candidates = fusionCandidates(i % 2 === 0 ? lists : swapped, ['cordless', 'drill'], texts, seen);
      return { candidates, gains: candidates.map((c) => (c.productId === 1 ? 2 : 0)) };
    });
    const model = fitFusion(engaged, { engagement: new SearchEngagement([['p4', 5, 10]]) });
    expect(model.engagement).toEqual([['p4', 5, 10]]);
    // Served with the stored engagement (now product 4 is the engaged one): product 4 first (a tie would put 1 first).
    for (const served of [lists, swapped]) {
      const fused = learnedFusion(model)(served, 2, { queryTerms: ['cordless', 'drill'], productTerms: texts });
      expect(fused.map((f) => f.productId)).toEqual([4, 1]);
    }
    expect(fitFusion(engaged).engagement).toBeUndefined();
  });
});
