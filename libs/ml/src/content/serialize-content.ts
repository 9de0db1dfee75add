import type * as tf from '@tensorflow/tfjs';
import { loadModelBytes, saveModelBytes, type ModelFormat } from '../io/model-bytes';
import { toVariables } from '../sequence/weights';
import { ContentEncoder } from './content-encoder';
import { CONTENT_WEIGHTS } from './content-network';
import type { ContentEncoderConfig } from './content-types';
import { TextVocabulary, type TextFeatureConfig } from './text-features';

const FORMAT: ModelFormat = { magic: 'MGCE', name: 'magpie-content-encoder', version: 1, what: 'content encoder' };

/** Content encoder bytes: config, vocabulary and fitted numeric statistics in the header, then the weights. */
export function saveContentEncoder(encoder: ContentEncoder): Promise<Uint8Array> {
  return saveModelBytes(FORMAT, { config: encoder.config, vocabulary: encoder.vocabulary.toJSON() }, encoder.weights);
}

/** Loads a content encoder saved by saveContentEncoder (weights become non-trainable variables). */
export async function loadContentEncoder(bytes: Uint8Array): Promise<ContentEncoder> {
  const { topology, tensors } = await loadModelBytes(FORMAT, bytes);
  const config = topology.config as ContentEncoderConfig | undefined;
  const vocabulary = topology.vocabulary as { words: string[]; config: TextFeatureConfig } | undefined;
  if (!config || !vocabulary) throw new Error('Content encoder has no config or vocabulary');
  const missing = CONTENT_WEIGHTS.filter((name) => !tensors.has(name));
  if (missing.length > 0) {
    for (const t of tensors.values()) t.dispose();
    throw new Error(`Content encoder weights missing: ${missing.join(', ')}`);
  }
  const weights = toVariables(new Map(CONTENT_WEIGHTS.map((name) => [name, tensors.get(name) as tf.Tensor])), false);
  for (const t of tensors.values()) t.dispose();
  return new ContentEncoder(config, TextVocabulary.fromJSON(vocabulary), weights);
}
