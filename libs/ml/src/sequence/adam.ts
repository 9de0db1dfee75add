import * as tf from '@tensorflow/tfjs';
import type { Weights } from './weights';

/**
 * Adam (Kingma & Ba) over all parameters in plain JS, with L2 weight decay added to the gradient as
 * PyTorch's `Adam(weight_decay=λ)` (RecBole's setting):
 *   g ← g + λw;  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;
 *   w ← w − lr · (m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε)
 * One loop per parameter instead of ~15 tensor ops each (tf.train.adam runs ~600 kernels a step for
 * SASRec's 40 parameters), and the same arithmetic on every thread of data-parallel training, so
 * replicas that apply the same gradients stay bit-identical.
 */
export class JsAdam {
  private readonly values: Float32Array[];
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  private step = 0;

  constructor(
    private readonly weights: Weights,
    private readonly learningRate: number,
    private readonly weightDecay = 0,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
    /**
     * Parameters (by name) updated lazily, row by row: a row whose gradient is all zero keeps its value
     * and moments (TensorFlow's LazyAdam). For large embedding tables of which a batch touches few rows.
     */
    private readonly lazyRows: ReadonlySet<string> = new Set(),
  ) {
    this.values = [...weights.values()].map((w) => Float32Array.from(w.dataSync()));
    this.m = this.values.map((w) => new Float32Array(w.length));
    this.v = this.values.map((w) => new Float32Array(w.length));
  }

  /** The current weights in the weights' order (owned by the optimiser: read, do not change). */
  get current(): readonly Float32Array[] {
    return this.values;
  }

  /** Applies one step with gradients in the weights' order and writes the new values into the variables. */
  apply(grads: readonly Float32Array[]): void {
    this.step++;
    const { beta1, beta2, epsilon, weightDecay } = this;
    const c1 = 1 / (1 - beta1 ** this.step);
    const c2 = 1 / (1 - beta2 ** this.step);
    const lr = this.learningRate;
    [...this.weights.entries()].forEach(([name, variable], p) => {
      const w = this.values[p];
      const m = this.m[p];
      const v = this.v[p];
      const g = grads[p];
      if (g.length !== w.length) throw new Error(`Gradient ${p} has ${g.length} values, expected ${w.length}`);
      const width = this.lazyRows.has(name) ? variable.shape[variable.shape.length - 1] : w.length;
      for (let start = 0; start < w.length; start += width) {
        const end = start + width;
        if (width !== w.length && isZero(g, start, end)) continue;
        for (let i = start; i < end; i++) {
          const gi = g[i] + weightDecay * w[i];
          m[i] = beta1 * m[i] + (1 - beta1) * gi;
          v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
          w[i] -= (lr * (m[i] * c1)) / (Math.sqrt(v[i] * c2) + epsilon);
        }
      }
      // A new tensor, not an in-place write: XNNPACK caches packed weights by tensor identity.
      const next = tf.tensor(w, variable.shape, 'float32');
      variable.assign(next);
      next.dispose();
    });
  }
}

function isZero(values: Float32Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (values[i] !== 0) return false;
  return true;
}
