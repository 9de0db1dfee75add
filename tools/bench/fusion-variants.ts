/**
 * Other ways to fuse the same candidates, against the shipped linear fusion, on Home Depot:
 *   node bin/run-ts.js tools/bench/fusion-variants.ts --search-model FILE [--candidates 100] [--skip-trees] [--cv]
 * The split of `magpie eval-search` (dev judgments by query, seed 1: training / evaluation side) and of
 * trainSearchModel (20% of the training queries held out from the encoder, seed 7: the fusion is fitted
 * on those). FILE's encoder (trained on the same training side, e.g. `eval-search --epochs 1
 * --save-encoder FILE`) makes the semantic lists; its fusion weights are not used. The candidates and
 * their features are made once; each variant is fitted on the held-out training queries and printed with
 * NDCG@10 on them and on the evaluation queries (gain = relevance − 1, ideal from every judged product).
 * As in trainSearchModel, the engagement features come from all training judgments (on a fitted query,
 * without its own):
 *   linear       fitFusion, what eval-search ships (RankNet then LambdaRank over FUSION_FEATURES);
 *   linear, RankNet alone   the same without the LambdaRank refinement;
 *   linear, no engagement   the same without the features that read search engagement (zeroed);
 *   LambdaMART   gradient-boosted regression trees on LambdaRank gradients (ΔNDCG@10-weighted pairs), depth 3
 *                (the slowest: left out with --skip-trees);
 *   diversified  the linear order re-ranked greedily (MMR): score − λ · max title-term Jaccard with the
 *                products already placed, λ chosen on the fitted queries.
 * Above them, the ceiling: the candidates ordered by their judged gains (all, and the keyword list's alone).
 * `--cv` instead compares fitFusion's settings (LambdaRank steps and rate, l2) by 5-fold cross-validation on
 * the fitted queries alone, each also printed with its evaluation NDCG (~5 min per setting).
 * A lab for fusion ideas: a variant costs seconds here against minutes for an eval-search run.
 */
import { parseArgs } from 'node:util';
import { descending, ndcgAtK } from '@magpie/math';
import {
  fitFusion, FUSION_FEATURES, fusionCandidates, judgedGains, scoreCandidates, SearchEngagement, splitJudgmentsByQuery,
  type EngagementLookup, type FitFusionOptions, type FusionCandidate, type SearchJudgment,
} from '@magpie/search';
import { openHomeDepotSearch } from './home-depot-search';
import { fitLambdaMart } from './lambdamart';

interface JudgedQuery {
  candidates: FusionCandidate[];
  /** Gain of each candidate (0: not judged). */
  gains: number[];
  /** Every judged gain of the query (the ideal ranking's). */
  ideal: number[];
}

type Scorer = (query: JudgedQuery) => number[];

async function main() {
  const { values } = parseArgs({
    options: { 'search-model': { type: 'string' }, candidates: { type: 'string', default: '100' }, 'skip-trees': { type: 'boolean', default: false }, cv: { type: 'boolean', default: false } },
  });
  if (!values['search-model']) throw new Error('--search-model FILE is required (an encoder trained on the training side: `magpie eval-search --save-encoder FILE`)');
  const limit = Number(values.candidates);
  const { bundle, products, analyzer, keyword, semantic, texts, dispose } = await openHomeDepotSearch(values['search-model']);
  const { kept: training, held: evaluation } = splitJudgmentsByQuery(bundle.judgments ?? [], 0.5, 1);
  const { held: fitting } = splitJudgmentsByQuery(training, 0.2, 7);
  const engagement = SearchEngagement.fromJudgments(training);
  const byExternal = new Map(products.map((p) => [p.externalId, p.id]));
  const judgedQueries = async (judgments: readonly SearchJudgment[], engaged: (judged: ReadonlyMap<string, number>) => EngagementLookup): Promise<JudgedQuery[]> => {
    const queries = [...judgedGains(judgments)]
      .map(([text, judged]) => ({ query: { text, terms: analyzer.analyze(text) }, judged, gains: new Map([...judged].flatMap(([externalId, gain]) => (byExternal.has(externalId) ? [[byExternal.get(externalId)!, gain] as const] : []))) }))
      .filter((q) => q.query.terms.length > 0 && [...q.gains.values()].some((g) => g > 0));
    const semanticLists = await semantic.retrieveMany(queries.map(({ query }) => ({ query, options: { limit } })));
    return queries.map(({ query, judged, gains }, i) => {
      const lists = [{ ...keyword.retrieve(query, { limit }), retriever: 'keyword' }, { ...semanticLists[i], retriever: 'semantic' }];
      const candidates = fusionCandidates(lists, query.terms, texts, engaged(judged));
      return { candidates, gains: candidates.map((c) => gains.get(c.productId) ?? 0), ideal: [...gains.values()] };
    });
  };
  const started = Date.now();
  const fit = await judgedQueries(fitting, (judged) => engagement.without(judged));
  const held = await judgedQueries(evaluation, () => engagement);
  dispose();
  process.stdout.write(`${products.length} products; fusion fitted on ${fit.length} held-out training queries, evaluated on ${held.length} evaluation queries; candidates made in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);

  const ndcg = (queries: readonly JudgedQuery[], scorer: Scorer) =>
    queries.reduce((sum, q) => {
      const scores = scorer(q);
      const order = q.gains.map((_, i) => i).sort((a, b) => descending(scores[a], scores[b]) || q.candidates[a].productId - q.candidates[b].productId);
      return sum + ndcgAtK(order.slice(0, 10).map((i) => q.gains[i]), q.ideal, 10);
    }, 0) / Math.max(1, queries.length);
  const report = (name: string, scorer: Scorer) =>
    process.stdout.write(`  ${name.padEnd(34)} NDCG@10 fitted ${ndcg(fit, scorer).toFixed(4)}   evaluation ${ndcg(held, scorer).toFixed(4)}\n`);

  if (values.cv) return crossValidate(fit, held, ndcg);
  report('ceiling: candidates by judged gain', (q) => q.gains);
  const found = FUSION_FEATURES.indexOf('keyword.found');
  report('ceiling: keyword candidates only', (q) => q.gains.map((g, i) => (q.candidates[i].features[found] === 1 ? g : -1)));
  const linearModel = fitFusion(fit);
  const linear: Scorer = (q) => scoreCandidates(linearModel, q.candidates);
  report('linear (shipped)', linear);
  const rankNet = fitFusion(fit, { lambdaSteps: 0 });
  report('linear, RankNet alone', (q) => scoreCandidates(rankNet, q.candidates));
  const engagementFeature = FUSION_FEATURES.map((name) => name.includes('engage'));
  const withoutEngagement = (q: JudgedQuery) => q.candidates.map((c) => ({ ...c, features: c.features.map((x, f) => (engagementFeature[f] ? 0 : x)) }));
  const plainModel = fitFusion(fit.map((q) => ({ ...q, candidates: withoutEngagement(q) })));
  report('linear, no engagement', (q) => scoreCandidates(plainModel, withoutEngagement(q)));

  const lambdaQueries = fit.map((q) => ({ x: q.candidates.map((c) => c.features), gains: q.gains, ideal: q.ideal }));
  if (!values['skip-trees']) fitLambdaMart(lambdaQueries, {
    trees: 300, depth: 3, minLeaf: 200, shrinkage: 0.1,
    onTree: (trees, model) => {
      if (trees % 100 === 0) report(`LambdaMART, ${trees} trees`, (q) => q.candidates.map((c) => model(c.features)));
    },
  });

  const titleTerms = new Map<number, Set<number>>();
  const termsOf = (id: number) => titleTerms.get(id) ?? titleTerms.set(id, new Set(texts.text(id)?.title ?? [])).get(id)!;
  const diversified = (lambda: number): Scorer => (q) => mmrScores(linear(q), q.candidates.map((c) => termsOf(c.productId)), lambda);
  const lambdas = [0.1, 0.25, 0.5, 1];
  const best = lambdas.reduce((a, b) => (ndcg(fit, diversified(b)) > ndcg(fit, diversified(a)) ? b : a));
  report(`diversified (λ ${best}, best of ${lambdas.join(' / ')})`, diversified(best));
}

/** fitFusion's settings compared by 5-fold cross-validation on the fitted queries alone (no evaluation query chooses). */
const FIT_SETTINGS: Array<{ name: string; options: FitFusionOptions }> = [
  { name: 'shipped (RankNet 300, LambdaRank 100, l2 1e-3)', options: {} },
  { name: 'LambdaRank 300', options: { lambdaSteps: 300 } },
  { name: 'l2 1e-2', options: { l2: 1e-2 } },
  { name: 'LambdaRank 300, l2 1e-2', options: { lambdaSteps: 300, l2: 1e-2 } },
  { name: 'LambdaRank rate 0.03', options: { lambdaLearningRate: 0.03 } },
];

function crossValidate(fit: readonly JudgedQuery[], held: readonly JudgedQuery[], ndcg: (queries: readonly JudgedQuery[], scorer: Scorer) => number): void {
  const folds = 5;
  for (const { name, options } of FIT_SETTINGS) {
    const started = Date.now();
    let sum = 0;
    for (let k = 0; k < folds; k++) {
      const model = fitFusion(fit.filter((_, i) => i % folds !== k), options);
      const out = fit.filter((_, i) => i % folds === k);
      sum += ndcg(out, (q) => scoreCandidates(model, q.candidates)) * out.length;
    }
    const all = fitFusion(fit, options);
    const evaluation = ndcg(held, (q) => scoreCandidates(all, q.candidates));
    process.stdout.write(`  ${name.padEnd(48)} ${folds}-fold CV NDCG@10 ${(sum / fit.length).toFixed(4)}   evaluation ${evaluation.toFixed(4)}   (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  }
}

/**
 * Greedy maximal-marginal-relevance order of the 40 best by `scores`: each next product maximises
 * score − λ · (largest Jaccard overlap of its title terms with a product already placed). Returned as
 * scores that sort into that order (the rest keep their order below).
 */
function mmrScores(scores: readonly number[], titles: ReadonlyArray<ReadonlySet<unknown>>, lambda: number): number[] {
  const pool = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]).slice(0, 40);
  const out = scores.map((s) => s - 1e6);
  const similarity = new Array<number>(scores.length).fill(0);
  for (let place = 0; pool.length > 0; place++) {
    let at = 0;
    for (let j = 1; j < pool.length; j++) if (scores[pool[j]] - lambda * similarity[pool[j]] > scores[pool[at]] - lambda * similarity[pool[at]]) at = j;
    const [chosen] = pool.splice(at, 1);
    out[chosen] = 1e6 - place;
    for (const other of pool) similarity[other] = Math.max(similarity[other], jaccard(titles[chosen], titles[other]));
  }
  return out;
}

function jaccard(a: ReadonlySet<unknown>, b: ReadonlySet<unknown>): number {
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  const union = a.size + b.size - shared;
  return union > 0 ? shared / union : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
