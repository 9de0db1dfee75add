import { join } from 'node:path';
import { badInput } from '@magpie/contracts';
import type { DatasetBundle } from './bundle';
import { readBeauty } from './readers/beauty';
import { readDiginetica } from './readers/diginetica';
import { readHomeDepot } from './readers/homedepot';
import { readMovielens } from './readers/movielens';
import { readScientific } from './readers/scientific';

const READERS = {
  'amazon-beauty': readBeauty,
  'amazon-scientific': readScientific,
  'ml-100k': readMovielens,
  'diginetica-sample': readDiginetica,
  'homedepot-search': (dir: string) => readHomeDepot(dir),
} as const satisfies Record<string, (dir: string) => Promise<DatasetBundle>>;

/** A public dataset folder name that `loadDataset` knows. */
export type DatasetName = keyof typeof READERS;

/** The folder names of the public datasets (see ../shared/datasets/README.md). */
export const DATASET_NAMES = Object.keys(READERS) as readonly DatasetName[];

export function isDatasetName(name: string): name is DatasetName {
  return Object.hasOwn(READERS, name);
}

/**
 * Reads the public dataset `name` from `datasetsDir/<name>/`. Unknown names fail with BAD_USER_INPUT
 * listing the valid ones; a missing file fails with NOT_FOUND naming the expected path.
 */
export async function loadDataset(name: string, datasetsDir: string): Promise<DatasetBundle> {
  if (!isDatasetName(name)) throw badInput(`Unknown dataset "${name}"; valid names: ${DATASET_NAMES.join(', ')}`, { name, valid: [...DATASET_NAMES] });
  return READERS[name](join(datasetsDir, name));
}
