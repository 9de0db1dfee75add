/** A generator whose weights can be copied out and put back (CfganModel, VectorCfganModel). */
export interface Snapshotting {
  snapshot(): Float32Array[];
  restore(values: readonly Float32Array[]): void;
}

/**
 * Early stopping for a generator trained epoch by epoch: `observe` each epoch's validation score (higher
 * is better) and stop when it says so (`patience` epochs without a better one); `finish` puts the best
 * epoch's weights back when a later epoch was the last trained.
 */
export class EarlyStopping {
  private best = { epoch: 0, score: -Infinity, weights: [] as Float32Array[] };
  private last = 0;

  constructor(private readonly patience: number) {}

  /** Records the epoch's score (keeping a copy of the weights when it is the best so far); true: stop training. */
  observe(epoch: number, score: number, generator: Snapshotting): boolean {
    this.last = epoch;
    if (score > this.best.score) this.best = { epoch, score, weights: generator.snapshot() };
    return epoch - this.best.epoch >= this.patience;
  }

  /** Restores the best epoch's weights if a later epoch was trained; the epoch kept (0: none observed) and its score. */
  finish(generator: Snapshotting): { bestEpoch: number; score: number } {
    if (this.best.epoch > 0 && this.best.epoch < this.last) generator.restore(this.best.weights);
    return { bestEpoch: this.best.epoch, score: this.best.score };
  }
}
