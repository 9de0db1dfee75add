import type * as tf from '@tensorflow/tfjs';
import { loadModelBytes, saveModelBytes, type ModelFormat } from '../io/model-bytes';
import { resolveSequenceConfig } from './defaults';
import type { SequenceModelConfig } from './types';
import type { Weights } from './weights';

const FORMAT: ModelFormat = { magic: 'MGSQ', name: 'magpie-sequence-model', version: 1, what: 'sequence model' };

/** Sequence model bytes (see saveModelBytes): the config in the header, then the weights. */
export function saveSequenceModel(config: SequenceModelConfig, weights: Weights): Promise<Uint8Array> {
  return saveModelBytes(FORMAT, { config }, weights);
}

/** Parses sequence model bytes back into a config and named tensors. */
export async function loadSequenceWeights(bytes: Uint8Array): Promise<{ config: SequenceModelConfig; tensors: Map<string, tf.Tensor> }> {
  const { topology, tensors } = await loadModelBytes(FORMAT, bytes);
  if (!topology.config) throw new Error('Sequence model has no config');
  return { config: resolveSequenceConfig(topology.config as SequenceModelConfig), tensors };
}
