import * as tf from '@tensorflow/tfjs';
import type { Random } from '@magpie/math';
import { gatherRows } from '../ops/embedding';
import { logSigmoid } from '../ops/activations';
import { JsAdam } from '../sequence/adam';
import type { Weights } from '../sequence/weights';
import { cfganBatch, type CfganBatch, type PaddedIndices } from './cfgan-batch';

/** The generator's r̂ at a batch's entries: the shoppers' items, the partial-masking and the zero-reconstruction samples (rows × width each). */
export interface GeneratedAt {
  items: tf.Tensor2D;
  masked: tf.Tensor2D;
  zero: tf.Tensor2D;
}

/**
 * A CFGAN's two networks as the training loop drives them. `members` are the batch's shoppers (indices
 * into the training histories), for networks that look up a per-shopper condition of their own.
 */
export interface AdversarialNetworks {
  generator: Weights;
  discriminator: Weights;
  /** Parameters updated row by row (TensorFlow's LazyAdam): tables of which a batch touches few rows. */
  lazyGenerator: ReadonlySet<string>;
  lazyDiscriminator: ReadonlySet<string>;
  generate(batch: CfganBatch, members: readonly number[]): GeneratedAt;
  /** Logits for the real interaction vectors and for the generated ones x̃ = r̂ ⊙ (e_u + k_u). */
  discriminate(batch: CfganBatch, members: readonly number[], generated: GeneratedAt): { real: tf.Tensor2D; fake: tf.Tensor2D };
}

export interface CfganEpoch {
  epoch: number;
  generatorLoss: number;
  discriminatorLoss: number;
  /** Seconds this epoch took. */
  seconds?: number;
}

/** rows × width × dim: the rows of `table` at a padded index block. */
export function rowsAt(table: tf.Tensor2D, indices: Int32Array, rows: number, width: number): tf.Tensor3D {
  return tf.reshape(gatherRows(table, tf.tensor1d(indices, 'int32')), [rows, width, table.shape[1]]);
}

/** Σ_j weights[r, j] · block[r, j, :] → rows × dim. */
export function weightedSum(block: tf.Tensor3D, weights: tf.Tensor2D): tf.Tensor2D {
  return tf.sum(tf.mul(block, tf.expandDims(weights, 2)), 1);
}

/** Row-wise concatenation of padded index blocks (one gather instead of several). */
export function joinBlocks(rows: number, ...blocks: PaddedIndices[]): { indices: Int32Array; weights: Float32Array; width: number } {
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

/** r̂ = σ(logits) at the joined blocks, split back into the items / masked / zero blocks. */
export function splitGenerated(logits: tf.Tensor2D, batch: CfganBatch): GeneratedAt {
  const r = tf.sigmoid(logits) as tf.Tensor2D;
  const { rows, items, masked, zero } = batch;
  return {
    items: tf.slice(r, [0, 0], [rows, items.width]),
    masked: tf.slice(r, [0, items.width], [rows, masked.width]),
    zero: tf.slice(r, [0, items.width + masked.width], [rows, zero.width]),
  };
}

/** The discriminator's inputs beside its condition part: x = c_u for real, x̃ = r̂ ⊙ (e_u + k_u) for generated, over [items, masked]. */
export function discriminatorInputs(batch: CfganBatch, generated: GeneratedAt): { real: tf.Tensor2D; fake: tf.Tensor2D } {
  const { rows, items, masked } = batch;
  const itemWeights = tf.tensor2d(items.weights, [rows, items.width]);
  const maskWeights = tf.tensor2d(masked.weights, [rows, masked.width]);
  return {
    real: tf.concat([itemWeights, tf.zerosLike(maskWeights)], 1) as tf.Tensor2D,
    fake: tf.concat([tf.mul(generated.items, itemWeights), tf.mul(generated.masked, maskWeights)], 1) as tf.Tensor2D,
  };
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

export interface AdversarialSettings {
  numItems: number;
  sampling: { maskShare: number; zeroShare: number; cap: number; conditionDropout?: number };
  zeroReconWeight: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  discriminatorSteps: number;
}

/**
 * CFGAN's alternating training over seeded mini-batches of shoppers (σ = sigmoid, x̃ = r̂ ⊙ (e_u + k_u)):
 *   L_D = −log σ(D(r_u, c_u)) − log(1 − σ(D(x̃, c_u)))
 *   L_G = −log σ(D(x̃, c_u)) + α Σ_{j∈ZR_u} r̂_uj²   (the non-saturating form of log(1 − D))
 * `onEpoch` returning true stops training there. The discriminator's weights are disposed at the end;
 * the generator's are the caller's.
 */
export function trainAdversarially(
  histories: readonly Int32Array[],
  networks: AdversarialNetworks,
  settings: AdversarialSettings,
  random: Random,
  onEpoch?: (e: CfganEpoch) => void | boolean,
): CfganEpoch[] {
  const { generator: g, discriminator: d } = networks;
  const gAdam = new JsAdam(g, settings.learningRate, 0, 0.9, 0.999, 1e-8, networks.lazyGenerator);
  const dAdam = new JsAdam(d, settings.learningRate, 0, 0.9, 0.999, 1e-8, networks.lazyDiscriminator);
  const users = histories.map((_, i) => i).filter((i) => histories[i].length > 0);
  const distinct = histories.map((h) => new Set(h).size);
  const n = settings.numItems;
  const epochs: CfganEpoch[] = [];
  try {
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      const started = performance.now();
      let gSum = 0;
      let dSum = 0;
      let steps = 0;
      for (const members of lengthBuckets(users, distinct, settings.batchSize, random)) {
        const shoppers = members.map((u) => histories[u]);
        for (let k = 0; k < settings.discriminatorSteps; k++) {
          // the discriminator step never looks at the zero-reconstruction sample
          const batch = cfganBatch(shoppers, n, { ...settings.sampling, zeroShare: 0 }, random);
          dSum += step(d, dAdam, () => {
            const { real, fake } = networks.discriminate(batch, members, networks.generate(batch, members));
            return tf.neg(tf.mean(tf.add(logSigmoid(real), logSigmoid(tf.neg(fake)))));
          });
        }
        const batch = cfganBatch(shoppers, n, settings.sampling, random);
        gSum += step(g, gAdam, () => {
          const generated = networks.generate(batch, members);
          const adversarial = tf.neg(tf.mean(logSigmoid(networks.discriminate(batch, members, generated).fake)));
          const zeroRecon = tf.div(tf.sum(tf.mul(tf.square(generated.zero), tf.tensor2d(batch.zero.weights, [batch.rows, batch.zero.width]))), batch.rows);
          return tf.add(adversarial, tf.mul(zeroRecon, settings.zeroReconWeight));
        });
        steps++;
      }
      const record = {
        epoch, generatorLoss: gSum / Math.max(1, steps), discriminatorLoss: dSum / Math.max(1, steps * settings.discriminatorSteps), seconds: (performance.now() - started) / 1000,
      };
      epochs.push(record);
      if (onEpoch?.(record) === true) break;
    }
  } finally {
    for (const w of d.values()) w.dispose();
  }
  return epochs;
}
