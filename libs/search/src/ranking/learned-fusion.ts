import { descending } from '@magpie/math';
import type { Fusion } from '../engine/fusion';
import { FUSION_FEATURES, fusionCandidates, type FusionCandidate } from './fusion-features';
import { SearchEngagement, type EngagementEntries } from './search-engagement';

/** A trained linear fusion: score = w · standardised features. Plain numbers, saved as JSON. */
export interface FusionModel {
  features: readonly string[];
  mean: number[];
  std: number[];
  weights: number[];
  /** What the searches it was fitted from said of each product (SearchEngagement); absent in models saved before it existed. */
  engagement?: EngagementEntries;
}

/**
 * Scores candidates with a fitted model: s = Σ_f w_f (x_f − μ_f) / σ_f over the model's features (a
 * model saved before later features were added scores without them; one naming an unknown feature is refused).
 */
export function scoreCandidates(model: FusionModel, candidates: readonly FusionCandidate[]): number[] {
  return candidateScorer(model)(candidates);
}

/** scoreCandidates with the model's feature columns looked up once (a served model scores every query). */
function candidateScorer(model: FusionModel): (candidates: readonly FusionCandidate[]) => number[] {
  const columns = featureColumns(model);
  return (candidates) =>
    candidates.map((c) => {
      let s = 0;
      for (let f = 0; f < columns.length; f++) s += (model.weights[f] * (c.features[columns[f]] - model.mean[f])) / model.std[f];
      return s;
    });
}

/** Where each of the model's features sits in FUSION_FEATURES. */
function featureColumns(model: FusionModel): Int32Array {
  const columns = Int32Array.from(model.features, (name) => (FUSION_FEATURES as readonly string[]).indexOf(name));
  if (columns.includes(-1) || columns.length !== model.weights.length) throw new Error('Fusion model was trained on other features');
  return columns;
}

/** One judged query: its candidates and each candidate's gain (0 = not relevant or not judged). */
export interface FusionExample {
  candidates: readonly FusionCandidate[];
  gains: readonly number[];
  /** Every judged gain of the query, candidates or not (the ideal DCG's; default: the candidates' gains). */
  ideal?: readonly number[];
}

export interface FitFusionOptions {
  /** Full-batch RankNet steps (default 300). */
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** LambdaRank steps after RankNet (default 100; 0: RankNet alone). */
  lambdaSteps?: number;
  lambdaLearningRate?: number;
  /** Stored with the model for serving: what searches said of products (the examples' candidates carry their own). */
  engagement?: SearchEngagement;
}

/** The rank NDCG is cut at, which LambdaRank optimises. */
const NDCG_AT = 10;
const discount = (rank: number) => (rank < NDCG_AT ? 1 / Math.log2(rank + 2) : 0);

/**
 * Fits the fusion weights on standardised features, full batch with Adam, deterministically (no
 * sampling), in two phases:
 * 1. pairwise logistic regression (RankNet): for candidates i, j of a query with gain_i > gain_j,
 *    L = (gain_i − gain_j) · log(1 + e^{−(s_i − s_j)}), plus l2/2 ‖w‖²;
 * 2. LambdaRank refinement from there: each such pair's gradient weighted by |ΔNDCG@10| of swapping i
 *    and j in the current ranking instead of by the gain difference, so the weights spend themselves on
 *    the top ten. On Home Depot (fusion lab, tools/bench/fusion-variants.ts) evaluation NDCG@10 0.4531
 *    (RankNet alone) → 0.4552; with trees instead of a linear model (LambdaMART) the 820 fitted queries overfit.
 */
export function fitFusion(examples: readonly FusionExample[], options: FitFusionOptions = {}): FusionModel {
  const l2 = options.l2 ?? 1e-3;
  const width = FUSION_FEATURES.length;
  const all = examples.flatMap((e) => e.candidates.map((c) => c.features));
  const mean = Array.from({ length: width }, (_, f) => all.reduce((a, x) => a + x[f], 0) / Math.max(1, all.length));
  const std = Array.from({ length: width }, (_, f) => Math.sqrt(all.reduce((a, x) => a + (x[f] - mean[f]) ** 2, 0) / Math.max(1, all.length)) || 1);
  const z = examples.map((e) => e.candidates.map((c) => Float64Array.from(c.features, (x, f) => (x - mean[f]) / std[f])));
  const w = new Array<number>(width).fill(0);

  const pairs: Array<{ a: Float64Array; b: Float64Array; weight: number }> = [];
  examples.forEach((e, q) => {
    for (let i = 0; i < e.gains.length; i++) for (let j = 0; j < e.gains.length; j++) if (e.gains[i] > e.gains[j]) pairs.push({ a: z[q][i], b: z[q][j], weight: e.gains[i] - e.gains[j] });
  });
  const total = pairs.reduce((a, p) => a + p.weight, 0) || 1;
  adam(w, options.epochs ?? 300, options.learningRate ?? 0.05, (grad) => {
    for (const { a, b, weight } of pairs) {
      let margin = 0;
      for (let f = 0; f < width; f++) margin += w[f] * (a[f] - b[f]);
      const g = (-weight / (1 + Math.exp(margin))) / total; // d/dmargin of weight·log(1 + e^−margin)
      for (let f = 0; f < width; f++) grad[f] += g * (a[f] - b[f]);
    }
    for (let f = 0; f < width; f++) grad[f] += l2 * w[f];
  });

  const idealDcg = examples.map((e) => [...(e.ideal ?? e.gains)].sort(descending).reduce((sum, g, r) => sum + g * discount(r), 0));
  adam(w, options.lambdaSteps ?? 100, options.lambdaLearningRate ?? 0.01, (grad) => {
    examples.forEach((e, q) => {
      if (idealDcg[q] <= 0) return;
      const scores = z[q].map((x) => x.reduce((sum, xf, f) => sum + w[f] * xf, 0));
      const rank = new Int32Array(scores.length);
      scores.map((_, i) => i).sort((a, b) => descending(scores[a], scores[b]) || a - b).forEach((i, r) => (rank[i] = r));
      for (let i = 0; i < scores.length; i++) {
        if (e.gains[i] <= 0) continue;
        for (let j = 0; j < scores.length; j++) {
          if (e.gains[i] <= e.gains[j]) continue;
          const delta = Math.abs((e.gains[i] - e.gains[j]) * (discount(rank[i]) - discount(rank[j]))) / idealDcg[q];
          if (delta === 0) continue;
          const g = (-delta / (1 + Math.exp(scores[i] - scores[j]))) / examples.length;
          for (let f = 0; f < width; f++) grad[f] += g * (z[q][i][f] - z[q][j][f]);
        }
      }
    });
    for (let f = 0; f < width; f++) grad[f] += l2 * w[f];
  });
  const engagement = options.engagement?.entries();
  return { features: [...FUSION_FEATURES], mean, std, weights: w, ...(engagement && engagement.length > 0 ? { engagement } : {}) };
}

/** `steps` Adam updates of `w` in place; `addGradient` adds the loss gradient at the current `w` to a zeroed array. */
function adam(w: number[], steps: number, lr: number, addGradient: (grad: number[]) => void): void {
  const m = new Array<number>(w.length).fill(0);
  const v = new Array<number>(w.length).fill(0);
  for (let step = 1; step <= steps; step++) {
    const grad = new Array<number>(w.length).fill(0);
    addGradient(grad);
    for (let f = 0; f < w.length; f++) {
      m[f] = 0.9 * m[f] + 0.1 * grad[f];
      v[f] = 0.999 * v[f] + 0.001 * grad[f] ** 2;
      w[f] -= (lr * (m[f] / (1 - 0.9 ** step))) / (Math.sqrt(v[f] / (1 - 0.999 ** step)) + 1e-8);
    }
  }
}

/**
 * A fusion that orders the union of the keyword and semantic lists by a fitted model (see fitFusion),
 * with the model's search engagement. Scores are the model's; matched terms are the query terms the product holds.
 */
export const learnedFusion = (model: FusionModel): Fusion => {
  const score = candidateScorer(model);
  const engagement = new SearchEngagement(model.engagement ?? []);
  return (lists, limit, context) => {
    const candidates = fusionCandidates(lists, context.queryTerms, context.productTerms, engagement);
    const scores = score(candidates);
    return candidates
      .map((c, i) => ({ productId: c.productId, score: scores[i], matchedTerms: c.matchedTerms }))
      .sort((a, b) => descending(a.score, b.score) || a.productId - b.productId)
      .slice(0, limit);
  };
};
