import { createRandom } from '@magpie/math';
import type { Fusion } from '../engine/fusion';
import { FUSION_FEATURES, fusionCandidates, type FusionCandidate } from './fusion-features';

/**
 * A trained fusion model over standardised features z = (x − μ) / σ: a linear term plus a small
 * hidden layer for interactions (e.g. "semantic similarity matters when few query terms match"):
 *   s(x) = w · z + v · tanh(W z + b)
 * Plain numbers, saved as JSON.
 */
export interface FusionModel {
  features: readonly string[];
  mean: number[];
  std: number[];
  weights: number[];
  /** Hidden layer (absent: linear): W as rows of `features.length`, b and v per hidden unit. */
  hidden?: { w: number[][]; b: number[]; v: number[] };
}

/** Scores candidates with a fitted model (see FusionModel). */
export function scoreCandidates(model: FusionModel, candidates: readonly FusionCandidate[]): number[] {
  if (model.features.join() !== FUSION_FEATURES.join()) throw new Error('Fusion model was trained on other features');
  const z = new Float64Array(model.weights.length);
  return candidates.map((c) => {
    for (let f = 0; f < z.length; f++) z[f] = (c.features[f] - model.mean[f]) / model.std[f];
    return scoreStandardised(model, z);
  });
}

function scoreStandardised(model: Pick<FusionModel, 'weights' | 'hidden'>, z: ArrayLike<number>, hiddenOut?: Float64Array): number {
  let s = 0;
  for (let f = 0; f < model.weights.length; f++) s += model.weights[f] * z[f];
  const hidden = model.hidden;
  if (hidden) {
    for (let k = 0; k < hidden.b.length; k++) {
      let a = hidden.b[k];
      const row = hidden.w[k];
      for (let f = 0; f < row.length; f++) a += row[f] * z[f];
      const h = Math.tanh(a);
      if (hiddenOut) hiddenOut[k] = h;
      s += hidden.v[k] * h;
    }
  }
  return s;
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
  /** Hidden units (0 = linear; default 16). */
  hidden?: number;
  seed?: number;
}

/**
 * Fits the fusion by pairwise logistic loss (RankNet): for candidates i, j of a query with
 * gain_i > gain_j, L = (gain_i − gain_j) · log(1 + e^{−(s_i − s_j)}) / Σ(gain differences), plus
 * l2/2 ‖params‖²; full-batch Adam on standardised features, hidden weights drawn from a seeded
 * generator: the same examples give the same model.
 */
export function fitFusion(examples: readonly FusionExample[], options: FitFusionOptions = {}): FusionModel {
  const epochs = options.epochs ?? 300;
  const lr = options.learningRate ?? 0.05;
  const l2 = options.l2 ?? 1e-3;
  const units = options.hidden ?? 16;
  const width = FUSION_FEATURES.length;
  const n = examples.reduce((a, e) => a + e.candidates.length, 0);
  const mean = new Array<number>(width).fill(0);
  const std = new Array<number>(width).fill(0);
  for (const e of examples) for (const c of e.candidates) for (let f = 0; f < width; f++) mean[f] += c.features[f] / Math.max(1, n);
  for (const e of examples) for (const c of e.candidates) for (let f = 0; f < width; f++) std[f] += (c.features[f] - mean[f]) ** 2 / Math.max(1, n);
  for (let f = 0; f < width; f++) std[f] = Math.sqrt(std[f]) || 1;
  const z = new Float64Array(n * width);
  const pairs: number[] = []; // (i, j, weight) triples over global candidate indices
  let offset = 0;
  for (const e of examples) {
    e.candidates.forEach((c, i) => {
      for (let f = 0; f < width; f++) z[(offset + i) * width + f] = (c.features[f] - mean[f]) / std[f];
    });
    for (let i = 0; i < e.candidates.length; i++) for (let j = 0; j < e.candidates.length; j++) if (e.gains[i] > e.gains[j]) pairs.push(offset + i, offset + j, e.gains[i] - e.gains[j]);
    offset += e.candidates.length;
  }
  let total = 0;
  for (let p = 2; p < pairs.length; p += 3) total += pairs[p];
  total = total || 1;

  // Parameters in one vector: w (width), then per hidden unit: W row (width), b, v.
  const random = createRandom(options.seed ?? 3);
  const stride = width + 2;
  const params = new Float64Array(width + units * stride);
  for (let k = 0; k < units; k++) for (let f = 0; f < width; f++) params[width + k * stride + f] = random.normal() * Math.sqrt(1 / width);
  const view = (): Pick<FusionModel, 'weights' | 'hidden'> => ({
    weights: Array.from(params.subarray(0, width)),
    hidden: units > 0 ? {
      w: Array.from({ length: units }, (_, k) => Array.from(params.subarray(width + k * stride, width + k * stride + width))),
      b: Array.from({ length: units }, (_, k) => params[width + k * stride + width]),
      v: Array.from({ length: units }, (_, k) => params[width + k * stride + width + 1]),
    } : undefined,
  });
  const m = new Float64Array(params.length);
  const v2 = new Float64Array(params.length);
  const scores = new Float64Array(n);
  const hidden = new Float64Array(n * Math.max(1, units));
  const ds = new Float64Array(n);
  const grad = new Float64Array(params.length);
  for (let step = 1; step <= epochs; step++) {
    const model = view();
    for (let i = 0; i < n; i++) scores[i] = scoreStandardised(model, z.subarray(i * width, (i + 1) * width), hidden.subarray(i * units, (i + 1) * units));
    ds.fill(0);
    for (let p = 0; p < pairs.length; p += 3) {
      const [i, j, weight] = [pairs[p], pairs[p + 1], pairs[p + 2]];
      const g = -weight / (1 + Math.exp(scores[i] - scores[j])) / total; // d/ds_i of weight·log(1 + e^−(s_i − s_j))
      ds[i] += g;
      ds[j] -= g;
    }
    for (let q = 0; q < params.length; q++) grad[q] = l2 * params[q];
    for (let i = 0; i < n; i++) {
      const d = ds[i];
      if (d === 0) continue;
      const zi = z.subarray(i * width, (i + 1) * width);
      for (let f = 0; f < width; f++) grad[f] += d * zi[f];
      for (let k = 0; k < units; k++) {
        const base = width + k * stride;
        const h = hidden[i * units + k];
        grad[base + width + 1] += d * h; // v_k
        const pre = d * params[base + width + 1] * (1 - h * h);
        if (pre === 0) continue;
        for (let f = 0; f < width; f++) grad[base + f] += pre * zi[f];
        grad[base + width] += pre; // b_k
      }
    }
    for (let q = 0; q < params.length; q++) {
      m[q] = 0.9 * m[q] + 0.1 * grad[q];
      v2[q] = 0.999 * v2[q] + 0.001 * grad[q] ** 2;
      params[q] -= (lr * (m[q] / (1 - 0.9 ** step))) / (Math.sqrt(v2[q] / (1 - 0.999 ** step)) + 1e-8);
    }
  }
  return { features: [...FUSION_FEATURES], mean, std, ...view() };
}

/**
 * A fusion that orders the union of the keyword and semantic lists by a fitted model (see fitFusion).
 * Scores are the model's; matched terms are the query terms the product holds.
 */
export const learnedFusion =
  (model: FusionModel): Fusion =>
  (lists, limit, context) => {
    const candidates = fusionCandidates(lists, context.queryTerms, context.productTerms);
    const scores = scoreCandidates(model, candidates);
    return candidates
      .map((c, i) => ({ productId: c.productId, score: scores[i], matchedTerms: c.matchedTerms }))
      .sort((a, b) => b.score - a.score || a.productId - b.productId)
      .slice(0, limit);
  };
