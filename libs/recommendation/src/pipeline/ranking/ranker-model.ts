import { createRandom } from '@magpie/math';
import { FEATURE_COUNT } from './ranking-features';

/**
 * The ranker in the seed's form Y = X·W₁ + Σ(H ⊙ C): a linear term over the context features X
 * of a (shopper, candidate) pair plus the interaction of the shopper's vector H with the candidate's
 * vector C. H is the mean of the history-side factors P of the shopper's recent items (so it exists for
 * a shopper the model never saw and moves with every event); C is the candidate's item factor.
 * Items outside the factor tables (new since training) have zero factors: only X scores them.
 */
export interface RankerModel {
  /** W₁, one weight per RANKER_FEATURES column. */
  weights: Float32Array;
  dim: number;
  /** Row of each product id in the factor tables. */
  itemRows: Map<number, number>;
  /** P (items × dim): history side, averaged into H. */
  historyFactors: Float32Array;
  /** C (items × dim): candidate side. */
  itemFactors: Float32Array;
}

/** History items (newest first, distinct) averaged into H. */
export const SHOPPER_ITEMS = 20;

export interface CreateRankerOptions {
  dim?: number;
  /** Seed of the factor initialisation, N(0, 0.01²). */
  seed?: number;
}

export function createRankerModel(productIds: Iterable<number>, options: CreateRankerOptions = {}): RankerModel {
  const dim = options.dim ?? 16;
  const random = createRandom(options.seed ?? 1);
  const itemRows = new Map<number, number>();
  for (const id of productIds) if (!itemRows.has(id)) itemRows.set(id, itemRows.size);
  const init = () => Float32Array.from({ length: itemRows.size * dim }, () => 0.01 * random.normal());
  return { weights: new Float32Array(FEATURE_COUNT), dim, itemRows, historyFactors: init(), itemFactors: init() };
}

/** A deep copy (online updates mutate the served copy, never the loaded artifact's). */
export function cloneRankerModel(model: RankerModel): RankerModel {
  return {
    weights: model.weights.slice(), dim: model.dim, itemRows: new Map(model.itemRows),
    historyFactors: model.historyFactors.slice(), itemFactors: model.itemFactors.slice(),
  };
}

/** Factor-table rows of the shopper's most recent distinct known items (history oldest first → rows newest first). */
export function shopperRows(model: RankerModel, historyIds: ArrayLike<number>): number[] {
  const rows: number[] = [];
  const seen = new Set<number>();
  for (let k = historyIds.length - 1; k >= 0 && rows.length < SHOPPER_ITEMS; k--) {
    const id = historyIds[k];
    if (seen.has(id)) continue;
    seen.add(id);
    const row = model.itemRows.get(id);
    if (row !== undefined) rows.push(row);
  }
  return rows;
}

/** H = mean of P over the rows (zero vector without any). */
export function shopperVector(model: RankerModel, rows: readonly number[]): Float32Array {
  const h = new Float32Array(model.dim);
  if (rows.length === 0) return h;
  for (const row of rows) for (let d = 0; d < model.dim; d++) h[d] += model.historyFactors[row * model.dim + d];
  for (let d = 0; d < model.dim; d++) h[d] /= rows.length;
  return h;
}

/** y = x·W₁ + H·C for the feature row at `offset` of `x` and the product `itemId`. */
export function rankerScore(model: RankerModel, x: ArrayLike<number>, offset: number, h: Float32Array, itemId: number): number {
  let y = 0;
  for (let f = 0; f < FEATURE_COUNT; f++) y += x[offset + f] * model.weights[f];
  const row = model.itemRows.get(itemId);
  if (row !== undefined) for (let d = 0; d < model.dim; d++) y += h[d] * model.itemFactors[row * model.dim + d];
  return y;
}

/** Scores of every row of a feature matrix (rows × FEATURE_COUNT) for one shopper. */
export function rankerScores(model: RankerModel, x: Float32Array, itemIds: ArrayLike<number>, historyIds: ArrayLike<number>): Float32Array {
  const h = shopperVector(model, shopperRows(model, historyIds));
  const scores = new Float32Array(itemIds.length);
  for (let i = 0; i < itemIds.length; i++) scores[i] = rankerScore(model, x, i * FEATURE_COUNT, h, itemIds[i]);
  return scores;
}

export interface SgdOptions {
  /** Learning rate. */
  lr: number;
  /** L2 penalty on the weights and factors touched. */
  l2: number;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * One stochastic-gradient step of the logistic loss L = −y·ln σ(ŷ) − (1−y)·ln(1 − σ(ŷ)) on one
 * (shopper, candidate, label) example; ∂L/∂ŷ = σ(ŷ) − y. Moves W₁, the candidate's C and the P rows
 * averaged into H. Returns the loss before the step.
 */
export function rankerSgdStep(
  model: RankerModel,
  x: ArrayLike<number>,
  offset: number,
  rows: readonly number[],
  itemId: number,
  label: number,
  options: SgdOptions,
): number {
  const h = shopperVector(model, rows);
  const y = rankerScore(model, x, offset, h, itemId);
  const p = sigmoid(y);
  const g = p - label;
  const { lr, l2 } = options;
  for (let f = 0; f < FEATURE_COUNT; f++) model.weights[f] -= lr * (g * x[offset + f] + l2 * model.weights[f]);
  const item = model.itemRows.get(itemId);
  if (item !== undefined) {
    const dim = model.dim;
    const c = model.itemFactors.subarray(item * dim, (item + 1) * dim);
    const share = rows.length > 0 ? 1 / rows.length : 0;
    for (const row of rows) {
      const base = row * dim;
      for (let d = 0; d < dim; d++) model.historyFactors[base + d] -= lr * (g * c[d] * share + l2 * model.historyFactors[base + d]);
    }
    for (let d = 0; d < dim; d++) c[d] -= lr * (g * h[d] + l2 * c[d]);
  }
  const clamped = Math.min(Math.max(p, 1e-7), 1 - 1e-7);
  return label > 0 ? -Math.log(clamped) : -Math.log(1 - clamped);
}
