import * as tf from '@tensorflow/tfjs';
import { readTidy } from '../ops/read-tensor';
import { noDropout } from '../sequence/dropout';
import type { Weights } from '../sequence/weights';
import { gatedItemVector, l2Normalize, textBatch, textTower, type GateBatch, type TextBatch } from './content-network';
import { MAX_ATTRIBUTES, type ContentEncoderConfig, type ContentItem } from './content-types';
import { numericFeatures } from './numeric-normalizer';
import { fnv1a, type TextVocabulary } from './text-features';

/** Texts encoded per forward pass at inference. */
const CHUNK = 512;

/** Builds the text tensors of token lists (inside a tidy scope). */
export function textTensors(vocabulary: TextVocabulary, texts: readonly (readonly string[])[]): TextBatch {
  const { rows, lengths, tokens, slots } = vocabulary.encode(texts);
  return textBatch(rows, lengths, tokens, slots);
}

/** Builds the gate tensors of items (inside a tidy scope): hashed attribute rows and numeric features. */
export function gateTensors(config: ContentEncoderConfig, items: readonly ContentItem[]): GateBatch {
  const n = items.length;
  const rows = new Int32Array(n * MAX_ATTRIBUTES);
  const scale = new Float32Array(n);
  const numeric = new Float32Array(n * 2 * config.numeric.length);
  items.forEach((item, i) => {
    const attributes = (item.attributes ?? []).slice(0, MAX_ATTRIBUTES);
    attributes.forEach((a, j) => (rows[i * MAX_ATTRIBUTES + j] = 1 + (fnv1a(a) % config.attributeBuckets)));
    scale[i] = 1 / Math.max(1, attributes.length);
    numericFeatures(config.numeric, item.numeric, numeric, i * 2 * config.numeric.length);
  });
  return {
    attributes: tf.tensor2d(rows, [n, MAX_ATTRIBUTES], 'int32'),
    attributeScale: tf.tensor2d(scale, [n, 1]),
    numeric: tf.tensor2d(numeric, [n, 2 * config.numeric.length]),
  };
}

/**
 * A trained content encoder: unit-length vectors for queries (text tower only) and for items (text
 * tower gated by attributes and numeric features, E = D ⊙ (F·W₂)), in one space, so a query is scored
 * against items by a dot product. The same vocabulary, hashing and normalisation as in training.
 */
export class ContentEncoder {
  constructor(
    readonly config: ContentEncoderConfig,
    readonly vocabulary: TextVocabulary,
    readonly weights: Weights,
  ) {}

  get dimensions(): number {
    return this.config.outDim;
  }

  /** (texts × outDim) query vectors, row-major. */
  encodeQueries(texts: readonly (readonly string[])[]): Float32Array {
    return this.inChunks(texts.length, (from, to) => readTidy(() => l2Normalize(textTower(this.config, this.weights, textTensors(this.vocabulary, texts.slice(from, to)), noDropout))));
  }

  /** (items × outDim) item vectors, row-major, in the order given. */
  encodeItems(items: readonly ContentItem[]): Float32Array {
    return this.inChunks(items.length, (from, to) =>
      readTidy(() => {
        const chunk = items.slice(from, to);
        const text = textTower(this.config, this.weights, textTensors(this.vocabulary, chunk.map((i) => i.tokens)), noDropout);
        return l2Normalize(gatedItemVector(this.config, this.weights, text, gateTensors(this.config, chunk)));
      }),
    );
  }

  dispose(): void {
    for (const w of this.weights.values()) w.dispose();
  }

  private inChunks(n: number, encode: (from: number, to: number) => Float32Array): Float32Array {
    const out = new Float32Array(n * this.config.outDim);
    for (let from = 0; from < n; from += CHUNK) out.set(encode(from, Math.min(n, from + CHUNK)), from * this.config.outDim);
    return out;
  }
}
