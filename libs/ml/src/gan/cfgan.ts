import * as tf from '@tensorflow/tfjs';
import { createRandom, type Random } from '@magpie/math';
import { dense } from '../ops/matmul';
import { gatherRows } from '../ops/embedding';
import { logSigmoid } from '../ops/activations';
import { readTidy } from '../ops/read-tensor';
import { JsAdam } from '../sequence/adam';
import { withDefaults } from '../with-defaults';
import { normal, param, toVariables, type Init, type Weights } from '../sequence/weights';
import { cfganBatch, type CfganBatch, type PaddedIndices } from './cfgan-batch';

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

export interface CfganEpoch {
  epoch: number;
  generatorLoss: number;
  discriminatorLoss: number;
  /** Seconds this epoch took. */
  seconds?: number;
}

/** rows × width × hidden: the rows of `table` at a padded index block. */
function rowsAt(table: tf.Tensor2D, indices: Int32Array, rows: number, width: number): tf.Tensor3D {
  return tf.reshape(gatherRows(table, tf.tensor1d(indices, 'int32')), [rows, width, table.shape[1]]);
}

/** Σ_j weights[r, j] · block[r, j, :] → rows × hidden. */
function weightedSum(block: tf.Tensor3D, weights: tf.Tensor2D): tf.Tensor2D {
  return tf.sum(tf.mul(block, tf.expandDims(weights, 2)), 1);
}

/** Row-wise concatenation of padded index blocks (one gather instead of several). */
function joinBlocks(rows: number, ...blocks: PaddedIndices[]): { indices: Int32Array; weights: Float32Array; width: number } {
  const width = blocks.reduce((w, b) => w + b.width, 0);
  const indices = new Int32Array(rows * width);
  const weights = new Float32Array(rows * width);
  for (let r = 0; r < rows; r++) {
    let at = r * width;
    for (const b of blocks) {
      indices.set(b.indices.subarray(r * b.width, (r + 1) * b.width), at);
      weights.set(b.weights.subarray(r * b.width, (r + 1) * b.width), at);
      at += b.width;
    }
  }
  return { indices, weights, width };
}

/**
 * The generator on a batch, evaluated only where the losses look: r̂ at the shopper's items, the
 * partial-masking sample and the zero-reconstruction sample (rows × width of each block). Equal to
 * `generate` at those entries: c·W₁ is the sum of W₁'s rows at the shopper's items, and r̂_j needs
 * only column j of W₂. Exported for the spec (not part of the package's API).
 */
export function generateAt(g: Weights, batch: CfganBatch): { items: tf.Tensor2D; masked: tf.Tensor2D; zero: tf.Tensor2D } {
  const { rows, items, masked, zero } = batch;
  const w1 = param<tf.Rank.R2>(g, 'g.w1');
  const { condition } = batch;
  const hidden = tf.relu(tf.add(weightedSum(rowsAt(w1, condition.indices, rows, condition.width), tf.tensor2d(condition.weights, [rows, condition.width])), param(g, 'g.b1')));
  const outputs = joinBlocks(rows, items, masked, zero);
  const columns = tf.transpose(param<tf.Rank.R2>(g, 'g.w2'));
  const bias = tf.reshape(gatherRows(tf.reshape(param(g, 'g.b2'), [-1, 1]) as tf.Tensor2D, tf.tensor1d(outputs.indices, 'int32')), [rows, outputs.width]);
  const logits = tf.add(tf.sum(tf.mul(rowsAt(columns, outputs.indices, rows, outputs.width), tf.expandDims(hidden, 1)), 2), bias);
  const r = tf.sigmoid(logits) as tf.Tensor2D;
  return {
    items: tf.slice(r, [0, 0], [rows, items.width]),
    masked: tf.slice(r, [0, items.width], [rows, masked.width]),
    zero: tf.slice(r, [0, items.width + masked.width], [rows, zero.width]),
  };
}

/**
 * The discriminator's logits for real vectors (r = c_u) and for generated ones x̃ = r̂ ⊙ (e_u + k_u),
 * both beside the condition c_u. [x, c]·W₁ is a sum of W₁'s rows: rows j at x's non-zeros (the items
 * and the masked sample) weighted by x_j, plus rows numItems + i at the shopper's items i. Exported
 * for the spec (not part of the package's API).
 */
export function discriminateAt(d: Weights, batch: CfganBatch, generated: { items: tf.Tensor2D; masked: tf.Tensor2D }, numItems: number): { real: tf.Tensor2D; fake: tf.Tensor2D } {
  const { rows, items, masked } = batch;
  const w1 = param<tf.Rank.R2>(d, 'd.w1');
  const itemWeights = tf.tensor2d(items.weights, [rows, items.width]);
  const maskWeights = tf.tensor2d(masked.weights, [rows, masked.width]);
  const { condition } = batch;
  const conditionPart = weightedSum(rowsAt(w1, condition.indices.map((i) => i + numItems), rows, condition.width), tf.tensor2d(condition.weights, [rows, condition.width]));
  const vector = joinBlocks(rows, items, masked);
  const vectorRows = rowsAt(w1, vector.indices, rows, vector.width);
  const head = (x: tf.Tensor2D) => {
    const hidden = tf.relu(tf.add(tf.add(weightedSum(vectorRows, x), conditionPart), param(d, 'd.b1'))) as tf.Tensor2D;
    return dense(hidden, param(d, 'd.w2'), param(d, 'd.b2'));
  };
  const realX = tf.concat([itemWeights, tf.zerosLike(maskWeights)], 1) as tf.Tensor2D;
  const fakeX = tf.concat([tf.mul(generated.items, itemWeights), tf.mul(generated.masked, maskWeights)], 1) as tf.Tensor2D;
  return { real: head(realX), fake: head(fakeX) };
}

/**
 * Trains CFGAN on shoppers' interaction lists (item indices 0..numItems−1), alternating discriminator
 * and generator steps over seeded mini-batches of shoppers. Losses (σ = sigmoid, x̃ = r̂ ⊙ (e_u + k_u)):
 *   L_D = −log σ(D(r_u, c_u)) − log(1 − σ(D(x̃, c_u)))
 *   L_G = −log σ(D(x̃, c_u)) + α Σ_{j∈ZR_u} r̂_uj²   (the non-saturating form of log(1 − D))
 * Every product with an interaction vector or a masked vector is computed sparsely (sums of weight rows
 * at the non-zeros; the generator's output only at the sampled entries), so a step costs
 * O(batch × (items + samples) × hidden) instead of O(batch × numItems × hidden): exactly the same
 * losses and gradients as the dense form for the same samples. Samples per shopper: `maskShare` /
 * `zeroReconShare` of the non-items, at most `sampleCap` each. `onEpoch` sees the generator after each
 * epoch (e.g. to validate and `snapshot` it); returning true stops training there.
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
  // A batch touches few rows of W₁ (its shoppers' items): lazy row updates (TensorFlow's LazyAdam, see JsAdam).
  const gAdam = new JsAdam(g, train.learningRate, 0, 0.9, 0.999, 1e-8, new Set(['g.w1']));
  // d.w1's rows: one per item of x and of c; a batch touches its shoppers' items and samples only.
  const dAdam = new JsAdam(d, train.learningRate, 0, 0.9, 0.999, 1e-8, new Set(['d.w1']));
  const users = histories.map((_, i) => i).filter((i) => histories[i].length > 0);
  const n = config.numItems;
  const sampling = { maskShare: config.maskShare, zeroShare: config.zeroReconShare, cap: config.sampleCap, conditionDropout: config.conditionDropout };
  const distinct = histories.map((h) => new Set(h).size);
  const epochs: CfganEpoch[] = [];
  const model = new CfganModel(config, g);
  for (let epoch = 1; epoch <= train.epochs; epoch++) {
    const started = performance.now();
    const batches = lengthBuckets(users, distinct, train.batchSize, random);
    let gSum = 0;
    let dSum = 0;
    let steps = 0;
    for (const members of batches) {
      const shoppers = members.map((u) => histories[u]);
      for (let k = 0; k < train.discriminatorSteps; k++) {
        // the discriminator step never looks at the zero-reconstruction sample
        const batch = cfganBatch(shoppers, n, { ...sampling, zeroShare: 0 }, random);
        dSum += step(d, dAdam, () => {
          const { real, fake } = discriminateAt(d, batch, generateAt(g, batch), n);
          return tf.neg(tf.mean(tf.add(logSigmoid(real), logSigmoid(tf.neg(fake)))));
        });
      }
      const batch = cfganBatch(shoppers, n, sampling, random);
      gSum += step(g, gAdam, () => {
        const generated = generateAt(g, batch);
        const adversarial = tf.neg(tf.mean(logSigmoid(discriminateAt(d, batch, generated, n).fake)));
        const zeroRecon = tf.div(tf.sum(tf.mul(tf.square(generated.zero), tf.tensor2d(batch.zero.weights, [batch.rows, batch.zero.width]))), batch.rows);
        return tf.add(adversarial, tf.mul(zeroRecon, config.zeroReconWeight));
      });
      steps++;
    }
    const record = {
      epoch, generatorLoss: gSum / Math.max(1, steps), discriminatorLoss: dSum / Math.max(1, steps * train.discriminatorSteps), seconds: (performance.now() - started) / 1000,
    };
    epochs.push(record);
    if (onEpoch?.(record, model) === true) break;
  }
  for (const w of d.values()) w.dispose();
  return { model, epochs };
}

/**
 * Mini-batches of shoppers with similar history lengths (a batch is padded to its longest history):
 * shoppers ordered by length with random ties, cut into batches, the batches shuffled. Seeded.
 */
function lengthBuckets(users: readonly number[], lengths: readonly number[], batchSize: number, random: Random): number[][] {
  const key = new Float64Array(lengths.length);
  for (const u of users) key[u] = lengths[u] + random.next();
  const ordered = [...users].sort((a, b) => key[a] - key[b]);
  const batches: number[][] = [];
  for (let from = 0; from < ordered.length; from += batchSize) batches.push(ordered.slice(from, from + batchSize));
  return random.shuffle(batches);
}

/** One optimiser step of `weights` on `loss` (the other network's weights are constants here). */
function step(weights: Weights, adam: JsAdam, loss: () => tf.Tensor): number {
  const variables = [...weights.values()];
  const { value, grads } = tf.tidy(() => {
    const result = tf.variableGrads(loss as () => tf.Scalar, variables);
    return { value: result.value, grads: variables.map((v) => result.grads[v.name] ?? tf.zerosLike(v)) };
  });
  try {
    adam.apply(grads.map((t) => t.dataSync() as Float32Array));
    return value.dataSync()[0];
  } finally {
    value.dispose();
    grads.forEach((t) => t.dispose());
  }
}
