/**
 * Polyak averaging: an exponential moving average of the weights over training steps,
 *   a ← d_t·a + (1 − d_t)·w,  d_t = min(decay, (1 + t) / (10 + t)),
 * the warm-up d_t (TensorFlow's ExponentialMovingAverage with num_updates) so the first steps do not
 * leave the average stuck near the initial weights. The average of a noisy Adam trajectory usually
 * ranks better than its last point; `fitSequenceModel` validates and keeps it when asked to.
 */
export class WeightAverage {
  private readonly average: Float32Array[];
  private updates = 0;

  constructor(
    initial: readonly Float32Array[],
    private readonly decay: number,
  ) {
    if (!(decay > 0 && decay < 1)) throw new Error(`WeightAverage: decay must be in (0, 1), got ${decay}`);
    this.average = initial.map((w) => Float32Array.from(w));
  }

  /** Folds the current weights (same order and sizes as the initial ones) into the average. */
  update(weights: readonly Float32Array[]): void {
    const d = Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
    this.updates++;
    weights.forEach((w, p) => {
      const a = this.average[p];
      if (w.length !== a.length) throw new Error(`WeightAverage: weight ${p} has ${w.length} values, expected ${a.length}`);
      for (let i = 0; i < a.length; i++) a[i] = d * a[i] + (1 - d) * w[i];
    });
  }

  /** The averaged weights (owned by this object; copy before changing them). */
  get values(): readonly Float32Array[] {
    return this.average;
  }
}
