import * as tf from '@tensorflow/tfjs';
import { createRandom, type Random } from '@magpie/math';
import { dense } from '../ops/matmul';
import { gatherRows } from '../ops/embedding';
import { readTidy } from '../ops/read-tensor';
import { withDefaults } from '../with-defaults';
import { normal, param, toVariables, type Init, type Weights } from '../sequence/weights';
import type { CfganBatch } from './cfgan-batch';
import { cfganSettings, DEFAULT_CFGAN_CONFIG, DEFAULT_CFGAN_TRAINING, type CfganConfig, type CfganTrainOptions } from './cfgan';
import { discriminatorInputs, joinBlocks, rowsAt, splitGenerated, trainAdversarially, weightedSum, type CfganEpoch, type GeneratedAt } from './cfgan-training';

/** What the vector-conditioned CFGAN trains in: one condition vector per training history, and the fixed item vectors. */
export interface VectorSpace {
  /** Per training history, its condition vector: rows × dim, row-major. */
  conditions: Float32Array;
  /** numItems × dim item vectors, row-major. */
  items: Float32Array;
  dim: number;
}

/** CFGAN's config plus the noise the vector-conditioned generator takes beside its condition. */
export interface VectorCfganConfig extends CfganConfig {
  /** Dimensions of the noise z fed to the generator's MLP (0: none). */
  noise: number;
}

export const DEFAULT_VECTOR_NOISE = 8;

/**
 * CFGAN conditioned on a dense vector per shopper — the sequence model's user vector — instead of the
 * interaction vector, with the generator's output in the same space: item j's preference is
 *   r̂_j = σ(s · ⟨v, e_j⟩ + b_j + c),   v = u + ReLU(u·A + z·Z + a)·B + b,
 * where u is the shopper's condition vector, z ~ N(0, I) noise (`noise` dimensions; drawn afresh for
 * every generated vector in training, its mean 0 when scoring, so candidates are the expected
 * preferences), e_j item j's vector (fixed: the sequence model's output item embeddings), A, Z, B a
 * residual MLP (B zero at the start, so training starts from the sequence model's own ranking), b_j a
 * learned per-item bias, s and c a learned scale and offset. The discriminator sees [x, u]: x as in
 * CFGAN (sparse rows of its first layer), u through a dense layer.
 * So the generator proposes in the sequence model's item space, where a tail item with few
 * interactions still has a vector that places it, instead of learning every item's output weights
 * from the interactions alone. A trained generator scores all items for condition vectors.
 */
export class VectorCfganModel {
  readonly dim: number;

  constructor(
    readonly config: VectorCfganConfig,
    private readonly generator: Weights,
    private readonly items: tf.Tensor2D,
  ) {
    this.dim = items.shape[1];
  }

  /** The generator's parameters by name (saving; see cfgan-artifact.ts). */
  get weights(): Weights {
    return this.generator;
  }

  /** The fixed item vectors (numItems × dim) the generator scores against. */
  get itemVectors(): tf.Tensor2D {
    return this.items;
  }

  /** (rows × numItems) generated preferences r̂ for these condition vectors (rows × dim, row-major). */
  scores(conditions: Float32Array): Float32Array {
    const rows = conditions.length / this.dim;
    if (!Number.isInteger(rows)) throw new Error(`vector CFGAN: ${conditions.length} values are not rows of ${this.dim}`);
    return readTidy(() => {
      const g = this.generator;
      const dots = tf.matMul(moved(g, tf.tensor2d(conditions, [rows, this.dim])), this.items, false, true);
      return tf.sigmoid(tf.add(tf.add(tf.mul(dots, param(g, 'g.scale')), tf.reshape(param(g, 'g.bias'), [1, -1])), param(g, 'g.offset')));
    });
  }

  /** A copy of the generator's weights (e.g. the best epoch's), in `weights` order. */
  snapshot(): Float32Array[] {
    return [...this.generator.values()].map((w) => Float32Array.from(w.dataSync()));
  }

  /** Sets the generator's weights back to a `snapshot`. */
  restore(values: readonly Float32Array[]): void {
    const variables = [...this.generator.values()];
    if (values.length !== variables.length) throw new Error(`vector CFGAN restore: ${values.length} arrays for ${variables.length} weights`);
    variables.forEach((v, i) => tf.tidy(() => v.assign(tf.tensor(values[i], v.shape, 'float32'))));
  }

  dispose(): void {
    for (const w of this.generator.values()) w.dispose();
    this.items.dispose();
  }
}

/** v = u + ReLU(u·A + z·Z + a)·B + b; without z (scoring) its mean 0 is used. */
function moved(g: Weights, u: tf.Tensor2D, z?: tf.Tensor2D): tf.Tensor2D {
  const inner = dense(u, param(g, 'g.wa'), param(g, 'g.ba'));
  const hidden = tf.relu(z ? tf.add(inner, dense(z, param(g, 'g.wz'))) : inner) as tf.Tensor2D;
  return tf.add(u, dense(hidden, param(g, 'g.wb'), param(g, 'g.bb')));
}

/** The generator at a batch's entries only (the items, masked and zero samples): ⟨v, e_j⟩ over the gathered item vectors. */
function generateAt(g: Weights, items: tf.Tensor2D, u: tf.Tensor2D, z: tf.Tensor2D | undefined, batch: CfganBatch): GeneratedAt {
  const { rows } = batch;
  const outputs = joinBlocks(rows, batch.items, batch.masked, batch.zero);
  const at = tf.tensor1d(outputs.indices, 'int32');
  const dots = tf.sum(tf.mul(rowsAt(items, outputs.indices, rows, outputs.width), tf.expandDims(moved(g, u, z), 1)), 2);
  const bias = tf.reshape(gatherRows(param<tf.Rank.R2>(g, 'g.bias'), at), [rows, outputs.width]);
  return splitGenerated(tf.add(tf.add(tf.mul(dots, param(g, 'g.scale')), bias), param(g, 'g.offset')), batch);
}

/** D([x, u]) = ReLU(x·W₁ + u·W_c + b₁)·w₂ + b₂, x·W₁ as a sum of W₁'s rows at x's non-zeros. */
function discriminateAt(d: Weights, batch: CfganBatch, u: tf.Tensor2D, generated: GeneratedAt): { real: tf.Tensor2D; fake: tf.Tensor2D } {
  const { rows } = batch;
  const conditionPart = dense(u, param(d, 'd.wc'));
  const vector = joinBlocks(rows, batch.items, batch.masked);
  const vectorRows = rowsAt(param<tf.Rank.R2>(d, 'd.w1'), vector.indices, rows, vector.width);
  const head = (x: tf.Tensor2D) => dense(tf.relu(tf.add(tf.add(weightedSum(vectorRows, x), conditionPart), param(d, 'd.b1'))) as tf.Tensor2D, param(d, 'd.w2'), param(d, 'd.b2'));
  const x = discriminatorInputs(batch, generated);
  return { real: head(x.real), fake: head(x.fake) };
}

/** Offset c so that a typical shopper's 10th best ⟨u, e_j⟩ sits at 0 at the start (about ten items above ½). */
function initialOffset(space: VectorSpace, numItems: number): number {
  const rows = Math.min(256, space.conditions.length / space.dim);
  if (rows === 0) return 0;
  const logits = readTidy(() => tf.matMul(tf.tensor2d(space.conditions.subarray(0, rows * space.dim), [rows, space.dim]), tf.tensor2d(space.items, [numItems, space.dim]), false, true));
  const rank = Math.min(9, numItems - 1);
  let sum = 0;
  for (let r = 0; r < rows; r++) sum += Float32Array.from(logits.subarray(r * numItems, (r + 1) * numItems)).sort().reverse()[rank];
  return -sum / rows;
}

function initialWeights(config: VectorCfganConfig, dim: number, offset: number, random: Random) {
  const { numItems: n, hidden: h, noise } = config;
  const zero = (shape: number[]): Init => ({ shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)) });
  const generator = new Map<string, Init>([
    ['g.wa', normal([dim, h], Math.sqrt(2 / (dim + noise + h)), random)], ['g.ba', zero([h])],
    ...(noise > 0 ? [['g.wz', normal([noise, h], Math.sqrt(2 / (dim + noise + h)), random)] as [string, Init]] : []),
    ['g.wb', zero([h, dim])], ['g.bb', zero([dim])],
    ['g.scale', { shape: [1], values: Float32Array.of(1) }],
    // n × 1 so the optimiser can update the rows a batch touched only
    ['g.bias', zero([n, 1])],
    ['g.offset', { shape: [1], values: Float32Array.of(offset) }],
  ]);
  const discriminator = new Map<string, Init>([
    ['d.w1', normal([n, h], Math.sqrt(2 / (n + h)), random)], ['d.wc', normal([dim, h], Math.sqrt(2 / (dim + h)), random)], ['d.b1', zero([h])],
    ['d.w2', normal([h, 1], Math.sqrt(2 / (h + 1)), random)], ['d.b2', zero([1])],
  ]);
  return { generator, discriminator };
}

/**
 * Trains the vector-conditioned CFGAN: `histories[r]` (item indices 0..numItems−1) is the real
 * interaction vector of the shopper whose condition is row r of `space.conditions` (e.g. the sequence
 * model's vector of the history before those items). Same losses, samples and loop as `fitCfgan`
 * (`conditionDropout` does not apply: the condition is not the items), plus `noise` dimensions of
 * seeded Gaussian noise beside the condition. `onEpoch` returning true stops.
 */
export function fitVectorCfgan(
  histories: readonly Int32Array[],
  space: VectorSpace,
  partial: Partial<VectorCfganConfig> & Pick<CfganConfig, 'numItems'>,
  options: Partial<CfganTrainOptions> = {},
  onEpoch?: (e: CfganEpoch, generator: VectorCfganModel) => void | boolean,
): { model: VectorCfganModel; epochs: CfganEpoch[] } {
  const config: VectorCfganConfig = { ...withDefaults({ ...DEFAULT_CFGAN_CONFIG, noise: DEFAULT_VECTOR_NOISE }, partial), numItems: partial.numItems, conditionDropout: 0 };
  const train = withDefaults(DEFAULT_CFGAN_TRAINING, options);
  const { dim } = space;
  if (space.conditions.length !== histories.length * dim) throw new Error(`vector CFGAN: ${space.conditions.length / dim} condition rows for ${histories.length} histories`);
  if (space.items.length !== config.numItems * dim) throw new Error(`vector CFGAN: ${space.items.length / dim} item vectors for ${config.numItems} items`);
  const random = createRandom(config.seed);
  const init = initialWeights(config, dim, initialOffset(space, config.numItems), random);
  const g = toVariables(init.generator);
  const d = toVariables(init.discriminator);
  const items = tf.tensor2d(space.items, [config.numItems, dim]);
  const model = new VectorCfganModel(config, g, items);
  const conditionsOf = (members: readonly number[]) => {
    const out = new Float32Array(members.length * dim);
    members.forEach((u, r) => out.set(space.conditions.subarray(u * dim, (u + 1) * dim), r * dim));
    return tf.tensor2d(out, [members.length, dim]);
  };
  const noiseFor = (rows: number) => (config.noise > 0 ? tf.tensor2d(Float32Array.from({ length: rows * config.noise }, () => random.normal()), [rows, config.noise]) : undefined);
  const epochs = trainAdversarially(
    histories,
    {
      generator: g,
      discriminator: d,
      lazyGenerator: new Set(['g.bias']),
      lazyDiscriminator: new Set(['d.w1']),
      generate: (batch, members) => generateAt(g, items, conditionsOf(members), noiseFor(members.length), batch),
      discriminate: (batch, members, generated) => discriminateAt(d, batch, conditionsOf(members), generated),
    },
    cfganSettings(config, train),
    random,
    (e) => onEpoch?.(e, model),
  );
  return { model, epochs };
}
