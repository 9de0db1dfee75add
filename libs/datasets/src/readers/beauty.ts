import { join } from 'node:path';
import { badInput } from '@magpie/contracts';
import { z } from 'zod';
import { addMissingProducts, makeProduct, sortEvents, type DatasetBundle } from '../bundle';
import { readJson, readLines } from '../files';
import { createSequenceCollector } from './sequence-events';

export const BEAUTY_FILES = { sequences: 'Beauty.txt', attributes: 'Beauty_item2attributes.json' } as const;

const Attributes = z.record(z.string(), z.array(z.number().int()));

/**
 * Amazon Beauty 5-core as preprocessed by the S3-Rec authors (`amazon-beauty/`).
 * `Beauty.txt`: `user item item ...` in time order → events of type 'purchase' (each interaction is a
 * review, which stands for a purchase), with synthetic timestamps (see `sequenceTimestamp`).
 * `Beauty_item2attributes.json`: item → attribute codes (category/brand ids, no text) → `attributes.codes`.
 * There is no item text: titles are "Beauty item <id>".
 */
export async function readBeauty(dir: string): Promise<DatasetBundle> {
  const collector = createSequenceCollector();
  for await (const line of readLines(join(dir, BEAUTY_FILES.sequences))) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const [userId, ...items] = trimmed.split(/\s+/);
    collector.add(userId, items, 'purchase');
  }
  const attributesPath = join(dir, BEAUTY_FILES.attributes);
  const parsed = Attributes.safeParse(await readJson(attributesPath));
  if (!parsed.success) throw badInput(`${attributesPath}: expected {"item": [code, ...]}: ${parsed.error.message}`);
  const products = Object.entries(parsed.data).map(([id, codes]) => makeProduct(id, `Beauty item ${id}`, { attributes: { codes } }));
  const events = sortEvents(collector.events);
  return { name: 'amazon-beauty', products: addMissingProducts(products, events, 'Beauty item'), events };
}
