import type { Random } from '@magpie/math';
import { JsAdam } from './adam';
import type { TrainingBatch } from './batches';
import { computeGradients } from './gradients';
import { drawNegatives } from './loss';
import type { SequenceModelConfig, TrainOptions } from './types';
import type { Weights } from './weights';

/**
 * Runs training steps: one batch in, weights updated (the gradient of the batch's mean loss times
 * `weight`, default 1), the batch's mean loss out.
 */
export interface StepRunner {
  step(batch: TrainingBatch, weight?: number): Promise<number>;
  /** The weights after the last step, in the weights' order (the runner's own arrays: read only). */
  values(): readonly Float32Array[];
  close(): Promise<void>;
}

/** Per-step randomness drawn in a fixed order from the run's seed (same on every thread count). */
export function stepRandomness(options: TrainOptions, numItems: number, random: Random): { negatives: Int32Array | null; dropoutSeed: number } {
  const dropoutSeed = random.int(2 ** 31);
  return { dropoutSeed, negatives: options.loss === 'sampled' ? drawNegatives(options.negatives, numItems, random) : null };
}

/** Single-thread training: gradients and the Adam step on this thread. */
export class LocalStepRunner implements StepRunner {
  private readonly adam: JsAdam;

  constructor(
    private readonly config: SequenceModelConfig,
    private readonly options: TrainOptions,
    private readonly weights: Weights,
    private readonly random: Random,
  ) {
    this.adam = new JsAdam(weights, options.learningRate, options.weightDecay);
  }

  stepSync(batch: TrainingBatch, weight = 1): number {
    if (batch.targets.length === 0) return 0;
    const { negatives, dropoutSeed } = stepRandomness(this.options, this.config.numItems, this.random);
    const { loss, grads } = computeGradients(this.config, this.weights, { batch, negatives, dropoutSeed }, weight);
    this.adam.apply(grads);
    return loss;
  }

  async step(batch: TrainingBatch, weight = 1): Promise<number> {
    return this.stepSync(batch, weight);
  }

  values(): readonly Float32Array[] {
    return this.adam.current;
  }

  async close(): Promise<void> {}
}
