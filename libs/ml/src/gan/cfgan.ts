import * as tf from '@tensorflow/tfjs';
import { createRandom, type Random } from '@magpie/math';
import { dense } from '../ops/matmul';
import { logSigmoid } from '../ops/activations';
import { readTidy } from '../ops/read-tensor';
import { JsAdam } from '../sequence/adam';
import { withDefaults } from '../with-defaults';
import { normal, param, toVariables, type Init, type Weights } from '../sequence/weights';

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
  seed: number;
}

export const DEFAULT_CFGAN_CONFIG: Omit<CfganConfig, 'numItems'> = { hidden: 256, maskShare: 0.1, zeroReconShare: 0.1, zeroReconWeight: 0.1, seed: 11 };

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

/** The discriminator's logit for (r, c): ReLU([r, c] W₁ + b₁) W₂ + b₂. */
function discriminate(d: Weights, vector: tf.Tensor2D, condition: tf.Tensor2D): tf.Tensor2D {
  const hidden = tf.relu(dense(tf.concat([vector, condition], 1) as tf.Tensor2D, param(d, 'd.w1'), param(d, 'd.b1')));
  return dense(hidden, param(d, 'd.w2'), param(d, 'd.b2'));
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

/** A 0/1 mask per row: each non-item of the row with probability `share`. */
function sampleNonItems(condition: Float32Array, share: number, random: Random): Float32Array {
  const out = new Float32Array(condition.length);
  for (let i = 0; i < condition.length; i++) if (condition[i] === 0 && random.next() < share) out[i] = 1;
  return out;
}

export interface CfganEpoch {
  epoch: number;
  generatorLoss: number;
  discriminatorLoss: number;
}

/**
 * Trains CFGAN on shoppers' interaction lists (item indices 0..numItems−1), alternating discriminator
 * and generator steps over seeded mini-batches of shoppers. Losses (σ = sigmoid, x̃ = r̂ ⊙ (e_u + k_u)):
 *   L_D = −log σ(D(r_u, c_u)) − log(1 − σ(D(x̃, c_u)))
 *   L_G = −log σ(D(x̃, c_u)) + α Σ_{j∈ZR_u} r̂_uj²   (the non-saturating form of log(1 − D))
 */
export function fitCfgan(
  histories: readonly Int32Array[],
  partial: Partial<CfganConfig> & Pick<CfganConfig, 'numItems'>,
  options: Partial<CfganTrainOptions> = {},
  onEpoch?: (e: CfganEpoch) => void,
): { model: CfganModel; epochs: CfganEpoch[] } {
  const config: CfganConfig = { ...withDefaults(DEFAULT_CFGAN_CONFIG, partial), numItems: partial.numItems };
  const train = withDefaults(DEFAULT_CFGAN_TRAINING, options);
  const random = createRandom(config.seed);
  const init = initial(config, random);
  const g = toVariables(init.generator);
  const d = toVariables(init.discriminator);
  const gAdam = new JsAdam(g, train.learningRate);
  const dAdam = new JsAdam(d, train.learningRate);
  const users = histories.map((_, i) => i).filter((i) => histories[i].length > 0);
  const n = config.numItems;
  const epochs: CfganEpoch[] = [];
  for (let epoch = 1; epoch <= train.epochs; epoch++) {
    random.shuffle(users);
    let gSum = 0;
    let dSum = 0;
    let steps = 0;
    for (let from = 0; from < users.length; from += train.batchSize) {
      const batch = users.slice(from, from + train.batchSize).map((u) => histories[u]);
      const rows = batch.length;
      const real = conditionMatrix(batch, n);
      for (let k = 0; k < train.discriminatorSteps; k++) {
        const mask = sampleNonItems(real, config.maskShare, random);
        dSum += step(d, dAdam, () => {
          const c = tf.tensor2d(real, [rows, n]);
          const fake = tf.mul(generate(g, c), tf.add(c, tf.tensor2d(mask, [rows, n])));
          const realLogit = discriminate(d, c, c);
          const fakeLogit = discriminate(d, fake as tf.Tensor2D, c);
          return tf.neg(tf.mean(tf.add(logSigmoid(realLogit), logSigmoid(tf.neg(fakeLogit)))));
        });
      }
      const mask = sampleNonItems(real, config.maskShare, random);
      const zr = sampleNonItems(real, config.zeroReconShare, random);
      gSum += step(g, gAdam, () => {
        const c = tf.tensor2d(real, [rows, n]);
        const generated = generate(g, c);
        const fake = tf.mul(generated, tf.add(c, tf.tensor2d(mask, [rows, n]))) as tf.Tensor2D;
        const adversarial = tf.neg(tf.mean(logSigmoid(discriminate(d, fake, c))));
        const zeroRecon = tf.div(tf.sum(tf.mul(tf.square(generated), tf.tensor2d(zr, [rows, n]))), rows);
        return tf.add(adversarial, tf.mul(zeroRecon, config.zeroReconWeight));
      });
      steps++;
    }
    const record = { epoch, generatorLoss: gSum / Math.max(1, steps), discriminatorLoss: dSum / Math.max(1, steps * train.discriminatorSteps) };
    epochs.push(record);
    onEpoch?.(record);
  }
  for (const w of d.values()) w.dispose();
  return { model: new CfganModel(config, g), epochs };
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
