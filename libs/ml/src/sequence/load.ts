import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { TfSequenceEncoder } from './encoder';
import { loadSequenceWeights } from './serialize';
import type { LoadSequenceModel } from './types';
import { initialWeights, toVariables } from './weights';

/** Implements `LoadSequenceModel`: the inverse of `SequenceEncoder.save()` (exact round trip). */
export const loadSequenceModel: LoadSequenceModel = async (bytes) => {
  const { config, tensors } = await loadSequenceWeights(bytes);
  try {
    const layout = initialWeights({ ...config, numItems: 1, maxLen: 1 }, createRandom(0));
    for (const [name, init] of layout) {
      const t = tensors.get(name);
      const expected = name === 'item_embedding' ? [config.numItems + 1, config.dim] : name === 'position_embedding' ? [config.maxLen, config.dim] : init.shape;
      if (!t || !tf.util.arraysEqual(t.shape, expected)) throw new Error(`Sequence model weight "${name}" is missing or has shape ${t ? `[${t.shape}]` : 'none'}, expected [${expected}]`);
    }
    const ordered = new Map([...layout.keys()].map((name) => [name, tensors.get(name) as tf.Tensor]));
    return new TfSequenceEncoder(config, toVariables(ordered, false));
  } finally {
    for (const t of tensors.values()) t.dispose();
  }
};
