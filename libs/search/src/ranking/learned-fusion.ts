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
  const columns = featureColumns(model);
  return candidates.map((c) => {
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
}

export interface FitFusionOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Stored with the model for serving: what searches said of products (the examples' candidates carry their own). */
  engagement?: SearchEngagement;
}

/**
 * Fits the fusion weights by pairwise logistic regression (RankNet): for candidates i, j of a query
 * with gain_i > gain_j, L = (gain_i − gain_j) · log(1 + e^{−(s_i − s_j)}), plus l2/2 ‖w‖², full-batch
 * gradient descent with Adam on standardised features. Deterministic: no sampling.
 */
export function fitFusion(examples: readonly FusionExample[], options: FitFusionOptions = {}): FusionModel {
  const epochs = options.epochs ?? 300;
  const lr = options.learningRate ?? 0.05;
  const l2 = options.l2 ?? 1e-3;
  const width = FUSION_FEATURES.length;
  const all = examples.flatMap((e) => e.candidates.map((c) => c.features));
  const mean = Array.from({ length: width }, (_, f) => all.reduce((a, x) => a + x[f], 0) / Math.max(1, all.length));
  const std = Array.from({ length: width }, (_, f) => Math.sqrt(all.reduce((a, x) => a + (x[f] - mean[f]) ** 2, 0) / Math.max(1, all.length)) || 1);
  const pairs: Array<{ a: Float64Array; b: Float64Array; weight: number }> = [];
  for (const e of examples) {
    const z = e.candidates.map((c) => Float64Array.from(c.features, (x, f) => (x - mean[f]) / std[f]));
    for (let i = 0; i < z.length; i++) for (let j = 0; j < z.length; j++) if (e.gains[i] > e.gains[j]) pairs.push({ a: z[i], b: z[j], weight: e.gains[i] - e.gains[j] });
  }
  const w = new Array<number>(width).fill(0);
  const m = new Array<number>(width).fill(0);
  const v = new Array<number>(width).fill(0);
  const total = pairs.reduce((a, p) => a + p.weight, 0) || 1;
  for (let step = 1; step <= epochs; step++) {
    const grad = w.map((wf) => l2 * wf);
    for (const { a, b, weight } of pairs) {
      let margin = 0;
      for (let f = 0; f < width; f++) margin += w[f] * (a[f] - b[f]);
      const g = (-weight / (1 + Math.exp(margin))) / total; // d/dmargin of weight·log(1 + e^−margin)
      for (let f = 0; f < width; f++) grad[f] += g * (a[f] - b[f]);
    }
    for (let f = 0; f < width; f++) {
      m[f] = 0.9 * m[f] + 0.1 * grad[f];
      v[f] = 0.999 * v[f] + 0.001 * grad[f] ** 2;
      w[f] -= (lr * (m[f] / (1 - 0.9 ** step))) / (Math.sqrt(v[f] / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  const engagement = options.engagement?.entries();
  return { features: [...FUSION_FEATURES], mean, std, weights: w, ...(engagement && engagement.length > 0 ? { engagement } : {}) };
}

/**
 * A fusion that orders the union of the keyword and semantic lists by a fitted model (see fitFusion),
 * with the model's search engagement. Scores are the model's; matched terms are the query terms the product holds.
 */
export const learnedFusion = (model: FusionModel): Fusion => {
  featureColumns(model);
  const engagement = new SearchEngagement(model.engagement ?? []);
  return (lists, limit, context) => {
    const candidates = fusionCandidates(lists, context.queryTerms, context.productTerms, engagement);
    const scores = scoreCandidates(model, candidates);
    return candidates
      .map((c, i) => ({ productId: c.productId, score: scores[i], matchedTerms: c.matchedTerms }))
      .sort((a, b) => descending(a.score, b.score) || a.productId - b.productId)
      .slice(0, limit);
  };
};
