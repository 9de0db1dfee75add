import * as tf from '@tensorflow/tfjs';
import type { Random } from '@magpie/math';
import { conv1dBySlices } from '../ops/conv1d';
import { gatherRows } from '../ops/embedding';
import { dense, matMul2d } from '../ops/matmul';
import type { Dropout } from '../sequence/dropout';
import { normal, param, type Init, type Weights } from '../sequence/weights';
import { MAX_ATTRIBUTES, type ContentEncoderConfig } from './content-types';

/** The encoder's parameters, in the order they are created and saved. */
export const CONTENT_WEIGHTS = ['token_embedding', 'conv.w', 'conv.b', 'out.w', 'out.b', 'attribute_embedding', 'gate.w'] as const;

/** Width of the gate's input F: a constant 1, the mean attribute embedding, 2 features per numeric attribute. */
export const gateInputWidth = (config: ContentEncoderConfig) => 1 + config.attributeDim + 2 * config.numeric.length;

/**
 * Initial parameters: N(0, 0.1) token and attribute rows (row 0, padding, zero), Glorot-scaled
 * convolution and output, and a gate that starts as the identity (the constant's row is 1, the rest 0),
 * so E = D until attributes earn a say.
 */
export function initialContentWeights(config: ContentEncoderConfig, rows: number, random: Random): Map<string, Init> {
  const { dim, channels, kernel, outDim } = config;
  const w = new Map<string, Init>();
  const tokens = normal([rows, dim], 0.1, random);
  tokens.values.fill(0, 0, dim);
  w.set('token_embedding', tokens);
  w.set('conv.w', normal([kernel, dim, channels], Math.sqrt(2 / (kernel * dim + channels)), random));
  w.set('conv.b', { shape: [channels], values: new Float32Array(channels) });
  w.set('out.w', normal([channels + dim, outDim], Math.sqrt(2 / (channels + dim + outDim)), random));
  w.set('out.b', { shape: [outDim], values: new Float32Array(outDim) });
  const attributes = normal([config.attributeBuckets + 1, config.attributeDim], 0.1, random);
  attributes.values.fill(0, 0, config.attributeDim);
  w.set('attribute_embedding', attributes);
  const gate = { shape: [gateInputWidth(config), outDim], values: new Float32Array(gateInputWidth(config) * outDim) };
  gate.values.fill(1, 0, outDim);
  w.set('gate.w', gate);
  return w;
}

/** A batch of texts as tensors (see TextVocabulary.encode). */
export interface TextBatch {
  /** (batch × tokens × slots) embedding rows, 0 = padding. */
  rows: tf.Tensor3D;
  /** (batch × tokens × 1) 1/(rows used by the token), 0 for padding tokens. */
  slotScale: tf.Tensor3D;
  /** (batch × tokens × 1) 1 for real tokens, 0 for padding. */
  mask: tf.Tensor3D;
  /** (batch × 1) 1 / max(1, token count). */
  lengthScale: tf.Tensor2D;
}

/** Builds the tensors of a TextBatch from encoded rows (call inside a tidy scope). */
export function textBatch(rows: Int32Array, lengths: Int32Array, tokens: number, slots: number): TextBatch {
  const batch = lengths.length;
  const slotScale = new Float32Array(batch * tokens);
  const mask = new Float32Array(batch * tokens);
  for (let t = 0; t < batch * tokens; t++) {
    let used = 0;
    for (let s = 0; s < slots; s++) if (rows[t * slots + s] !== 0) used++;
    slotScale[t] = used > 0 ? 1 / used : 0;
    mask[t] = used > 0 ? 1 : 0;
  }
  return {
    rows: tf.tensor3d(rows, [batch, tokens, slots], 'int32'),
    slotScale: tf.tensor3d(slotScale, [batch, tokens, 1]),
    mask: tf.tensor3d(mask, [batch, tokens, 1]),
    lengthScale: tf.tensor2d(Float32Array.from(lengths, (n) => 1 / Math.max(1, n)), [batch, 1]),
  };
}

/**
 * The text tower D: token vectors (mean of the token's word and trigram rows), a width-3 convolution
 * with ReLU max-pooled over the tokens (phrases such as "shower head"), concatenated with the mean token
 * vector (bag of words), projected to `outDim`. Returns (batch × outDim), not normalised.
 */
export function textTower(config: ContentEncoderConfig, weights: Weights, batch: TextBatch, dropout: Dropout, rate = 0): tf.Tensor2D {
  const [n, tokens, slots] = batch.rows.shape;
  const { dim, kernel } = config;
  const looked = gatherRows(param(weights, 'token_embedding'), tf.reshape(batch.rows, [n * tokens * slots]) as tf.Tensor1D);
  const summed = tf.sum(tf.reshape(looked, [n, tokens, slots, dim]), 2) as tf.Tensor3D;
  const x = dropout(tf.mul(summed, batch.slotScale), rate) as tf.Tensor3D;
  const before = Math.floor((kernel - 1) / 2);
  const padded = tf.pad(x, [[0, 0], [before, kernel - 1 - before], [0, 0]]) as tf.Tensor3D;
  const conv = tf.relu(tf.add(conv1dBySlices(padded, param(weights, 'conv.w')), param(weights, 'conv.b')));
  const pooled = tf.max(tf.mul(conv, batch.mask), 1) as tf.Tensor2D;
  const mean = tf.mul(tf.sum(tf.mul(x, batch.mask), 1), batch.lengthScale) as tf.Tensor2D;
  return dense(tf.concat([pooled, mean], 1) as tf.Tensor2D, param(weights, 'out.w'), param(weights, 'out.b'));
}

/** Gate input F per item: (batch × gateInputWidth) built from attribute rows and numeric features. */
export interface GateBatch {
  /** (batch × MAX_ATTRIBUTES) attribute rows, 0 = none. */
  attributes: tf.Tensor2D;
  /** (batch × 1) 1 / max(1, attributes used). */
  attributeScale: tf.Tensor2D;
  /** (batch × 2·numeric) numeric features. */
  numeric: tf.Tensor2D;
}

/** The item vector E = D ⊙ (F·W₂): the text vector gated by a learned projection of the item's other features. */
export function gatedItemVector(config: ContentEncoderConfig, weights: Weights, text: tf.Tensor2D, gate: GateBatch): tf.Tensor2D {
  const n = text.shape[0];
  const attributeRows = gatherRows(param(weights, 'attribute_embedding'), tf.reshape(gate.attributes, [n * MAX_ATTRIBUTES]) as tf.Tensor1D);
  const attributes = tf.mul(tf.sum(tf.reshape(attributeRows, [n, MAX_ATTRIBUTES, config.attributeDim]), 1), gate.attributeScale) as tf.Tensor2D;
  const f = tf.concat([tf.ones([n, 1]), attributes, gate.numeric], 1) as tf.Tensor2D;
  return tf.mul(text, matMul2d(f, param(weights, 'gate.w')));
}

/** Rows scaled to unit length (cosine similarity becomes a dot product). */
export function l2Normalize(x: tf.Tensor2D): tf.Tensor2D {
  return tf.mul(x, tf.rsqrt(tf.add(tf.sum(tf.square(x), 1, true), 1e-12)));
}
