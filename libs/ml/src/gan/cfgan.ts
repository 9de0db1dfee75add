import * as tf from '@tensorflow/tfjs';
import { createRandom, type Random } from '@magpie/math';
import { dense } from '../ops/matmul';
import { gatherRows } from '../ops/embedding';
import { readTidy } from '../ops/read-tensor';
import { withDefaults } from '../with-defaults';
import { normal, param, toVariables, type Init, type Weights } from '../sequence/weights';
import type { CfganBatch } from './cfgan-batch';
import {
  discriminatorInputs, joinBlocks, rowsAt, splitGenerated, trainAdversarially, weightedSum, type AdversarialNetworks, type AdversarialSettings, type CfganEpoch, type GeneratedAt,
} from './cfgan-training';

export type { CfganEpoch } from './cfgan-training';

/**
 * CFGAN (Chae et al., CIKM 2018): a generator G(c_u) → r̂_u ∈ (0, 1)^items conditioned on a shopper's
 * interaction vector c_u, and a discriminator D(r, c_u) telling real interaction vectors from generated
 * ones. Partial masking: D sees r̂_u only on the shopper's items plus a sample of others (k_u), so G
 * is pushed to score the shopper's items high, not to copy a whole vector; zero reconstruction adds
 * α Σ_{j∈ZR_u} r̂_uj² on another sample of non-items, keeping them low.
 */
export interface CfganConfig {
  numItems: number;
  /** Hidden units of the generator and of the discriminator. */
  hidden: number;
  /** Share of each shopper's non-items sampled for partial masking (k_u) and for zero reconstruction. */
  maskShare: number;
  zeroReconShare: number;
  /** α of the zero-reconstruction term. */
  zeroReconWeight: number;
  /** Most non-items sampled per shopper for each of the two samples (bounds a step's cost on large catalogues). */
  sampleCap: number;
  /**
   * Share of a shopper's items left out of the condition in training (0 = CFGAN as published: the
   * generator sees the whole vector it must reproduce, and can learn to copy it).
   */
  conditionDropout: number;
  seed: number;
}

export const DEFAULT_CFGAN_CONFIG: Omit<CfganConfig, 'numItems'> = { hidden: 256, maskShare: 0.1, zeroReconShare: 0.1, zeroReconWeight: 0.1, sampleCap: 48, conditionDropout: 0, seed: 11 };

export interface CfganTrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Discriminator steps per generator step. */
  discriminatorSteps: number;
}

export const DEFAULT_CFGAN_TRAINING: CfganTrainOptions = { epochs: 20, batchSize: 128, learningRate: 1e-3, discriminatorSteps: 1 };

function initial(config: CfganConfig, random: Random): { generator: Map<string, Init>; discriminator: Map<string, Init> } {
  const n = config.numItems;
  const h = config.hidden;
  const zero = (shape: number[]): Init => ({ shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
  const generator = new Map<string, Init>([
    ['g.w1', normal([n, h], Math.sqrt(2 / (n + h)), random)], ['g.b1', zero([h])],
    ['g.w2', normal([h, n], Math.sqrt(2 / (n + h)), random)], ['g.b2', zero([n])],
  ]);
  const discriminator = new Map<string, Init>([
    ['d.w1', normal([2 * n, h], Math.sqrt(2 / (2 * n + h)), random)], ['d.b1', zero([h])],
    ['d.w2', normal([h, 1], Math.sqrt(2 / (h + 1)), random)], ['d.b2', zero([1])],
  ]);
  return { generator, discriminator };
}

/** r̂ = σ(ReLU(c W₁ + b₁) W₂ + b₂). */
function generate(g: Weights, condition: tf.Tensor2D): tf.Tensor2D {
  const hidden = tf.relu(dense(condition, param(g, 'g.w1'), param(g, 'g.b1')));
  return tf.sigmoid(dense(hidden, param(g, 'g.w2'), param(g, 'g.b2')));
}

/** A trained generator: per shopper, preference scores over all items. */
export class CfganModel {
  constructor(
    readonly config: CfganConfig,
    private readonly generator: Weights,
  ) {}

  /** The generator's parameters by name (read-only use: saving; see cfgan-artifact.ts). */
  get weights(): Weights {
    return this.generator;
  }

  /** (shoppers × items) generated preferences r̂ for these interaction lists (item indices 0..numItems−1). */
  scores(histories: readonly Int32Array[]): Float32Array {
    return readTidy(() => generate(this.generator, tf.tensor2d(conditionMatrix(histories, this.config.numItems), [histories.length, this.config.numItems])));
  }

  /** A copy of the generator's weights (e.g. the best epoch's, for early stopping), in `weights` order. */
  snapshot(): Float32Array[] {
    return [...this.generator.values()].map((w) => Float32Array.from(w.dataSync()));
  }

  /** Sets the generator's weights back to a `snapshot`. */
  restore(values: readonly Float32Array[]): void {
    const variables = [...this.generator.values()];
    if (values.length !== variables.length) throw new Error(`CFGAN restore: ${values.length} arrays for ${variables.length} weights`);
    variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(values[i], v.shape, 'float32'))));
  }

  dispose(): void {
    for (const w of this.generator.values()) w.dispose();
  }
}

/** Rows of 0/1 interaction vectors. */
function conditionMatrix(histories: readonly Int32Array[], numItems: number): Float32Array {
  const out = new Float32Array(histories.length * numItems);
  histories.forEach((h, r) => {
    for (const item of h) if (item >= 0 && item < numItems) out[r * numItems + item] = 1;
  });
  return out;
}

/**
 * The generator on a batch, evaluated only where the losses look: r̂ at the shopper's items, the
 * partial-masking sample and the zero-reconstruction sample (rows × width of each block). Equal to
 * `generate` at those entries: c·W₁ is the sum of W₁'s rows at the shopper's items, and r̂_j needs
 * only column j of W₂. Exported for the spec (not part of the package's API).
 */
export function generateAt(g: Weights, batch: CfganBatch): GeneratedAt {
  const { rows, items, masked, zero } = batch;
  const w1 = param<tf.Rank.R2>(g, 'g.w1');
  const { condition } = batch;
  const hidden = tf.relu(tf.add(weightedSum(rowsAt(w1, condition.indices, rows, condition.width), tf.tensor2d(condition.weights, [rows, condition.width])), param(g, 'g.b1')));
  const outputs = joinBlocks(rows, items, masked, zero);
  const columns = tf.transpose(param<tf.Rank.R2>(g, 'g.w2'));
  const bias = tf.reshape(gatherRows(tf.reshape(param(g, 'g.b2'), [-1, 1]) as tf.Tensor2D, tf.tensor1d(outputs.indices, 'int32')), [rows, outputs.width]);
  return splitGenerated(tf.add(tf.sum(tf.mul(rowsAt(columns, outputs.indices, rows, outputs.width), tf.expandDims(hidden, 1)), 2), bias), batch);
}

/**
 * The discriminator's logits for real vectors (r = c_u) and for generated ones x̃ = r̂ ⊙ (e_u + k_u),
 * both beside the condition c_u. [x, c]·W₁ is a sum of W₁'s rows: rows j at x's non-zeros (the items
 * and the masked sample) weighted by x_j, plus rows numItems + i at the shopper's items i. Exported
 * for the spec (not part of the package's API).
 */
export function discriminateAt(d: Weights, batch: CfganBatch, generated: GeneratedAt, numItems: number): { real: tf.Tensor2D; fake: tf.Tensor2D } {
  const { rows, items, masked } = batch;
  const w1 = param<tf.Rank.R2>(d, 'd.w1');
  const { condition } = batch;
  const conditionPart = weightedSum(rowsAt(w1, condition.indices.map((i) => i + numItems), rows, condition.width), tf.tensor2d(condition.weights, [rows, condition.width]));
  const vector = joinBlocks(rows, items, masked);
  const vectorRows = rowsAt(w1, vector.indices, rows, vector.width);
  const head = (x: tf.Tensor2D) => {
    const hidden = tf.relu(tf.add(tf.add(weightedSum(vectorRows, x), conditionPart), param(d, 'd.b1'))) as tf.Tensor2D;
    return dense(hidden, param(d, 'd.w2'), param(d, 'd.b2'));
  };
  const x = discriminatorInputs(batch, generated);
  return { real: head(x.real), fake: head(x.fake) };
}

/**
 * Trains CFGAN on shoppers' interaction lists (item indices 0..numItems−1), alternating discriminator
 * and generator steps (see `trainAdversarially` for the losses). Every product with an interaction
 * vector or a masked vector is computed sparsely (sums of weight rows at the non-zeros; the
 * generator's output only at the sampled entries), so a step costs O(batch × (items + samples) ×
 * hidden) instead of O(batch × numItems × hidden): exactly the same losses and gradients as the dense
 * form for the same samples. Samples per shopper: `maskShare` / `zeroReconShare` of the non-items, at
 * most `sampleCap` each. `onEpoch` sees the generator after each epoch (e.g. to validate and
 * `snapshot` it); returning true stops training there.
 */
export function fitCfgan(
  histories: readonly Int32Array[],
  partial: Partial<CfganConfig> & Pick<CfganConfig, 'numItems'>,
  options: Partial<CfganTrainOptions> = {},
  onEpoch?: (e: CfganEpoch, generator: CfganModel) => void | boolean,
): { model: CfganModel; epochs: CfganEpoch[] } {
  const config: CfganConfig = { ...withDefaults(DEFAULT_CFGAN_CONFIG, partial), numItems: partial.numItems };
  const train = withDefaults(DEFAULT_CFGAN_TRAINING, options);
  const random = createRandom(config.seed);
  const init = initial(config, random);
  const g = toVariables(init.generator);
  const d = toVariables(init.discriminator);
  const n = config.numItems;
  const model = new CfganModel(config, g);
  const networks: AdversarialNetworks = {
    generator: g,
    discriminator: d,
    // A batch touches few rows of W₁ (its shoppers' items; for d.w1 also its samples): lazy row updates.
    lazyGenerator: new Set(['g.w1']),
    lazyDiscriminator: new Set(['d.w1']),
    generate: (batch) => generateAt(g, batch),
    discriminate: (batch, _members, generated) => discriminateAt(d, batch, generated, n),
  };
  const epochs = trainAdversarially(histories, networks, cfganSettings(config, train), random, (e) => onEpoch?.(e, model));
  return { model, epochs };
}

/** The training loop's settings from a CFGAN config and training options. */
export function cfganSettings(config: CfganConfig, train: CfganTrainOptions): AdversarialSettings {
  return {
    numItems: config.numItems,
    sampling: { maskShare: config.maskShare, zeroShare: config.zeroReconShare, cap: config.sampleCap, conditionDropout: config.conditionDropout },
    zeroReconWeight: config.zeroReconWeight,
    ...train,
  };
}
