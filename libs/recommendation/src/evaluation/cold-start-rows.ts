import { applyLinearMap, fitRidge } from '@magpie/math';

export interface ColdStartRowsInput {
  /** The sequence model's item table, (numItems + 1) × dim row-major, row 0 padding (item i is row i + 1). */
  embeddings: Float32Array;
  dim: number;
  /** Unit-length content vectors of items 0..numItems-1, numItems × contentDim row-major. */
  content: Float32Array;
  contentDim: number;
  /** `cold[i] === 1`: item i never trained, its row is replaced. */
  cold: Uint8Array;
  /**
   * 'knn' (default): softmax(cos/τ)-weighted mean of the embeddings of the `neighbours` warm items whose
   * content is closest. 'ridge': a linear map content → embedding fitted on the warm items (penalty `alpha`).
   */
  method?: 'knn' | 'ridge';
  neighbours?: number;
  temperature?: number;
  alpha?: number;
}

export const DEFAULT_COLD_START_ROWS = { method: 'knn', neighbours: 20, temperature: 0.05, alpha: 1 } as const;

const norm = (v: ArrayLike<number>, from: number, dim: number) => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += v[from + d] ** 2;
  return Math.sqrt(s);
};

/**
 * Rows for items the sequence model never trained on, from their content (keys are model indices i + 1).
 * Either estimate regresses to the mean (an average of neighbours, a least-squares fit), which shrinks the
 * vectors; scores are dot products with unnormalised rows, so every cold row is then rescaled to the warm
 * items' mean norm, letting cold items compete with warm ones on equal terms. On amazon-scientific with 20%
 * cold items (aligned content vectors, same SASRec): knn cold HR@10 0.057 / warm 0.096, ridge 0.025 / 0.097.
 */
export function coldStartRows(input: ColdStartRowsInput): Map<number, Float32Array> {
  const { embeddings, dim, content, contentDim, cold } = input;
  const settings = { ...DEFAULT_COLD_START_ROWS, ...input };
  const numItems = cold.length;
  if (embeddings.length !== (numItems + 1) * dim) throw new RangeError(`coldStartRows: embeddings hold ${embeddings.length} values, expected ${(numItems + 1) * dim}`);
  if (content.length !== numItems * contentDim) throw new RangeError(`coldStartRows: content holds ${content.length} values, expected ${numItems * contentDim}`);
  const warm: number[] = [];
  const coldItems: number[] = [];
  for (let i = 0; i < numItems; i++) (cold[i] === 1 ? coldItems : warm).push(i);
  const rows = new Map<number, Float32Array>();
  if (coldItems.length === 0 || warm.length === 0) return rows;
  const estimate = settings.method === 'ridge' ? ridgeRows : knnRows;
  const estimated = estimate(input, warm, coldItems, settings);
  const warmNorm = warm.reduce((s, i) => s + norm(embeddings, (i + 1) * dim, dim), 0) / warm.length;
  coldItems.forEach((item, r) => {
    const row = estimated.slice(r * dim, (r + 1) * dim);
    const length = norm(row, 0, dim);
    if (length > 0) for (let d = 0; d < dim; d++) row[d] *= warmNorm / length;
    rows.set(item + 1, row);
  });
  return rows;
}

type Settings = Required<Pick<ColdStartRowsInput, 'neighbours' | 'temperature' | 'alpha'>>;

/** For each cold item: Σ_j softmax(cos(c, c_j)/τ) E_j over its `neighbours` nearest warm items j. */
function knnRows(input: ColdStartRowsInput, warm: readonly number[], coldItems: readonly number[], settings: Settings): Float32Array {
  const { embeddings, dim, content, contentDim: cd } = input;
  const out = new Float32Array(coldItems.length * dim);
  const sims = new Float64Array(warm.length);
  coldItems.forEach((item, r) => {
    warm.forEach((w, j) => {
      let s = 0;
      for (let d = 0; d < cd; d++) s += content[item * cd + d] * content[w * cd + d];
      sims[j] = s;
    });
    const nearest = Array.from(warm.keys()).sort((a, b) => sims[b] - sims[a] || a - b).slice(0, settings.neighbours);
    const top = sims[nearest[0]];
    let total = 0;
    for (const j of nearest) {
      const weight = Math.exp((sims[j] - top) / settings.temperature);
      total += weight;
      const from = (warm[j] + 1) * dim;
      for (let d = 0; d < dim; d++) out[r * dim + d] += weight * embeddings[from + d];
    }
    for (let d = 0; d < dim; d++) out[r * dim + d] /= total;
  });
  return out;
}

/** A ridge map content → embedding fitted on the warm items, applied to the cold ones. */
function ridgeRows(input: ColdStartRowsInput, warm: readonly number[], coldItems: readonly number[], settings: Settings): Float32Array {
  const { embeddings, dim, content, contentDim } = input;
  const x = new Float32Array(warm.length * contentDim);
  const y = new Float32Array(warm.length * dim);
  warm.forEach((item, r) => {
    x.set(content.subarray(item * contentDim, (item + 1) * contentDim), r * contentDim);
    y.set(embeddings.subarray((item + 1) * dim, (item + 2) * dim), r * dim);
  });
  const map = fitRidge({ x, y, rows: warm.length, inputs: contentDim, outputs: dim, alpha: settings.alpha });
  const coldContent = new Float32Array(coldItems.length * contentDim);
  coldItems.forEach((item, r) => coldContent.set(content.subarray(item * contentDim, (item + 1) * contentDim), r * contentDim));
  return applyLinearMap(map, coldContent, coldItems.length);
}
