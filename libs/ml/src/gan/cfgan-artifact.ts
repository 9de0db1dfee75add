import { loadModelBytes, saveModelBytes, type ModelFormat } from '../io/model-bytes';
import { toVariables } from '../sequence/weights';
import { CfganModel, type CfganConfig } from './cfgan';

const FORMAT: ModelFormat = { magic: 'MGGN', name: 'magpie-cfgan-generator', version: 1, what: 'CFGAN generator' };

/** A trained generator plus what maps its item indices back to the caller's item ids. */
export interface CfganArtifact {
  model: CfganModel;
  /** `itemIds[i]` is the caller's id of item index i (length = config.numItems). */
  itemIds: number[];
}

/**
 * CFGAN generator bytes (see saveModelBytes): config and item id table in the header, then every
 * generator weight by name. The discriminator is not saved: only the generator scores.
 */
export async function saveCfganArtifact({ model, itemIds }: CfganArtifact): Promise<Uint8Array> {
  if (itemIds.length !== model.config.numItems) throw new Error(`CFGAN artifact: ${itemIds.length} item ids for ${model.config.numItems} items`);
  return saveModelBytes(FORMAT, { config: model.config, itemIds: [...itemIds] }, model.weights);
}

/** The inverse of `saveCfganArtifact` (exact round trip: the loaded model scores identically). */
export async function loadCfganArtifact(bytes: Uint8Array): Promise<CfganArtifact> {
  const { topology, tensors } = await loadModelBytes(FORMAT, bytes);
  try {
    const config = topology.config as CfganConfig | undefined;
    const itemIds = topology.itemIds as number[] | undefined;
    if (!config || typeof config.numItems !== 'number') throw new Error('CFGAN artifact has no config');
    if (!Array.isArray(itemIds) || itemIds.length !== config.numItems) throw new Error('CFGAN artifact has no item id table of numItems entries');
    if (tensors.size === 0) throw new Error('CFGAN artifact has no weights');
    return { model: new CfganModel(config, toVariables(tensors, false)), itemIds };
  } finally {
    for (const t of tensors.values()) t.dispose();
  }
}

