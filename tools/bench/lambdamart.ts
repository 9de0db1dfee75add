/** One query's candidates for LambdaMART: feature rows, their gains, and every judged gain (the ideal DCG's). */
export interface RankedQuery {
  x: ReadonlyArray<readonly number[]>;
  gains: readonly number[];
  ideal: readonly number[];
}

export interface LambdaMartOptions {
  trees?: number;
  depth?: number;
  /** Fewest rows a leaf may hold. */
  minLeaf?: number;
  shrinkage?: number;
  /** Quantile bins per feature for split finding (≤ 256). */
  bins?: number;
  /** Called after each tree with the model so far. */
  onTree?: (trees: number, model: (x: readonly number[]) => number) => void;
}

interface TreeNode {
  feature: number;
  threshold: number;
  value: number;
  left: TreeNode | null;
  right: TreeNode | null;
}

const K = 10;
const discount = (rank: number) => (rank < K ? 1 / Math.log2(rank + 2) : 0);

/**
 * LambdaMART (Burges 2010): regression trees fitted one after another to the LambdaRank gradients of
 * NDCG@10 with linear gains — for candidates i, j of a query with gain_i > gain_j, the pair pushes with
 * |ΔNDCG@10 of swapping them| · σ(s_j − s_i) — each leaf a Newton step, histogram split finding over
 * quantile bins. Deterministic. Returns the scoring function.
 */
export function fitLambdaMart(queries: readonly RankedQuery[], options: LambdaMartOptions = {}): (x: readonly number[]) => number {
  const { trees: treeCount = 200, depth: maxDepth = 3, minLeaf = 100, shrinkage = 0.1, bins: binCount = 64 } = options;
  const rows = queries.flatMap((q) => q.x);
  const width = rows[0]?.length ?? 0;
  const edges = Array.from({ length: width }, (_, f) => quantileEdges(rows.map((r) => r[f]), binCount));
  const binned = edges.map((e, f) => Uint8Array.from(rows, (r) => binOf(e, r[f])));
  const offsets: number[] = [];
  queries.reduce((at, q) => (offsets.push(at), at + q.x.length), 0);
  const idealDcg = queries.map((q) => [...q.ideal].sort((a, b) => b - a).reduce((s, g, r) => s + g * discount(r), 0) || 1);
  const scores = new Float64Array(rows.length);
  const forest: TreeNode[] = [];
  const model = (x: readonly number[]) => forest.reduce((s, tree) => s + shrinkage * leafValue(tree, x), 0);

  for (let t = 0; t < treeCount; t++) {
    const gradient = new Float64Array(rows.length);
    const hessian = new Float64Array(rows.length);
    queries.forEach((q, qi) => {
      const o = offsets[qi];
      const rank = new Int32Array(q.x.length);
      q.x.map((_, i) => i).sort((a, b) => scores[o + b] - scores[o + a]).forEach((i, r) => (rank[i] = r));
      for (let i = 0; i < q.x.length; i++) {
        for (let j = 0; j < q.x.length; j++) {
          if (q.gains[i] <= q.gains[j]) continue;
          const delta = Math.abs((q.gains[i] - q.gains[j]) * (discount(rank[i]) - discount(rank[j]))) / idealDcg[qi];
          if (delta === 0) continue;
          const rho = 1 / (1 + Math.exp(scores[o + i] - scores[o + j]));
          gradient[o + i] += rho * delta;
          gradient[o + j] -= rho * delta;
          hessian[o + i] += rho * (1 - rho) * delta;
          hessian[o + j] += rho * (1 - rho) * delta;
        }
      }
    });
    const grow = (slots: Int32Array, depth: number): TreeNode => {
      let g = 0;
      let h = 0;
      for (const s of slots) {
        g += gradient[s];
        h += hessian[s];
      }
      const leaf: TreeNode = { feature: -1, threshold: 0, value: g / (h + 1e-6), left: null, right: null };
      if (depth >= maxDepth || slots.length < 2 * minLeaf) return leaf;
      const parentGain = (g * g) / (h + 1e-6);
      let best = { gain: 1e-9, feature: -1, bin: -1 };
      for (let f = 0; f < width; f++) {
        const bg = new Float64Array(binCount + 1);
        const bh = new Float64Array(binCount + 1);
        const bc = new Int32Array(binCount + 1);
        for (const s of slots) {
          const b = binned[f][s];
          bg[b] += gradient[s];
          bh[b] += hessian[s];
          bc[b]++;
        }
        let lg = 0;
        let lh = 0;
        let lc = 0;
        for (let b = 0; b < edges[f].length; b++) {
          lg += bg[b];
          lh += bh[b];
          lc += bc[b];
          if (lc < minLeaf || slots.length - lc < minLeaf) continue;
          const gain = (lg * lg) / (lh + 1e-6) + ((g - lg) * (g - lg)) / (h - lh + 1e-6) - parentGain;
          if (gain > best.gain) best = { gain, feature: f, bin: b };
        }
      }
      if (best.feature < 0) return leaf;
      const left = slots.filter((s) => binned[best.feature][s] <= best.bin);
      const right = slots.filter((s) => binned[best.feature][s] > best.bin);
      return { feature: best.feature, threshold: edges[best.feature][best.bin], value: 0, left: grow(left, depth + 1), right: grow(right, depth + 1) };
    };
    const tree = grow(Int32Array.from(rows, (_, i) => i), 0);
    forest.push(tree);
    rows.forEach((r, i) => (scores[i] += shrinkage * leafValue(tree, r)));
    options.onTree?.(t + 1, model);
  }
  return model;
}

/** Distinct cut points at the quantiles of `values`: bin b holds values in [edges[b−1], edges[b]). */
function quantileEdges(values: number[], bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = sorted[Math.floor((b * sorted.length) / bins)];
    if (edges.length === 0 || v > edges[edges.length - 1]) edges.push(v);
  }
  return edges;
}

function binOf(edges: readonly number[], value: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (value >= edges[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function leafValue(node: TreeNode, x: readonly number[]): number {
  let at = node;
  while (at.left && at.right) at = x[at.feature] < at.threshold ? at.left : at.right;
  return at.value;
}
