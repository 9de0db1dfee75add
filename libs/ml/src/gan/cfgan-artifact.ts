import * as tf from '@tensorflow/tfjs';
import { loadModelBytes, saveModelBytes, type ModelFormat } from '../io/model-bytes';
import { toVariables } from '../sequence/weights';
import { CfganModel, type CfganConfig } from './cfgan';
import { VectorCfganModel, type VectorCfganConfig } from './vector-cfgan';

const FORMAT: ModelFormat = { magic: 'MGGN', name: 'magpie-cfgan-generator', version: 1, what: 'CFGAN generator' };

/** Where the item vectors of a vector-conditioned generator are saved beside its weights. */
const ITEM_VECTORS = 'g.items';

/**
 * A trained generator plus what maps its item indices back to the caller's item ids: conditioned on
 * interaction vectors (CFGAN as published) or on a sequence model's user vectors (`VectorCfganModel`,
 * saved with the item vectors it scores against).
 */
export type CfganArtifact =
  | { condition: 'interactions'; model: CfganModel; itemIds: number[] }
  | { condition: 'sequence'; model: VectorCfganModel; itemIds: number[] };

/**
 * CFGAN generator bytes (see saveModelBytes): config, condition and item id table in the header, then
 * every generator weight by name (and the item vectors, for the sequence condition). The discriminator
 * is not saved: only the generator scores.
 */
export async function saveCfganArtifact(artifact: CfganArtifact): Promise<Uint8Array> {
  const { model, itemIds, condition } = artifact;
  if (itemIds.length !== model.config.numItems) throw new Error(`CFGAN artifact: ${itemIds.length} item ids for ${model.config.numItems} items`);
  const weights = new Map<string, tf.Tensor>(model.weights);
  if (artifact.condition === 'sequence') weights.set(ITEM_VECTORS, artifact.model.itemVectors);
  return saveModelBytes(FORMAT, { config: model.config, itemIds: [...itemIds], condition }, weights);
}

/** The inverse of `saveCfganArtifact` (exact round trip: the loaded model scores identically). Artifacts without a condition are interaction-conditioned. */
export async function loadCfganArtifact(bytes: Uint8Array): Promise<CfganArtifact> {
  const { topology, tensors } = await loadModelBytes(FORMAT, bytes);
  try {
    const config = topology.config as CfganConfig | undefined;
    const itemIds = topology.itemIds as number[] | undefined;
    const condition = topology.condition ?? 'interactions';
    if (!config || typeof config.numItems !== 'number') throw new Error('CFGAN artifact has no config');
    if (!Array.isArray(itemIds) || itemIds.length !== config.numItems) throw new Error('CFGAN artifact has no item id table of numItems entries');
    if (tensors.size === 0) throw new Error('CFGAN artifact has no weights');
    if (condition === 'interactions') return { condition, model: new CfganModel(config, toVariables(tensors, false)), itemIds };
    if (condition !== 'sequence') throw new Error(`CFGAN artifact has an unknown condition "${String(condition)}"`);
    const items = tensors.get(ITEM_VECTORS);
    if (!items || items.rank !== 2 || items.shape[0] !== config.numItems) throw new Error('sequence-conditioned CFGAN artifact has no item vectors of numItems rows');
    const generator = new Map([...tensors].filter(([name]) => name !== ITEM_VECTORS));
    return { condition, model: new VectorCfganModel({ ...config, noise: (config as Partial<VectorCfganConfig>).noise ?? 0 }, toVariables(generator, false), tf.clone(items as tf.Tensor2D)), itemIds };
  } finally {
    for (const t of tensors.values()) t.dispose();
  }
}
