import { join } from 'node:path';
import { badInput } from '@magpie/contracts';
import { z } from 'zod';
import { addMissingProducts, makeProduct, sortEvents, type DatasetBundle } from '../bundle';
import { readJson } from '../files';
import { createSequenceCollector } from './sequence-events';

export const SCIENTIFIC_FILES = { interactions: 'Scientific.inter.json', items: 'Scientific.item.json.gz' } as const;

const Interactions = z.record(z.string(), z.array(z.union([z.number().int(), z.string()])));
const Items = z.record(
  z.string(),
  z.object({
    title: z.string(),
    description: z.string().nullish(),
    brand: z.string().nullish(),
    categories: z.string().nullish(),
  }),
);

async function parseFile<T>(path: string, schema: z.ZodType<T>, shape: string): Promise<T> {
  const parsed = schema.safeParse(await readJson(path));
  if (!parsed.success) throw badInput(`${path}: expected ${shape}: ${parsed.error.message}`);
  return parsed.data;
}

/**
 * Amazon Industrial & Scientific 2018 5-core (`amazon-scientific/`).
 * `Scientific.inter.json`: `{"user": [item, ...]}` in time order → 'purchase' events (reviews stand for
 * purchases) with synthetic timestamps (see `sequenceTimestamp`; users in ascending numeric id order).
 * `Scientific.item.json.gz`: `{"item": {title, description, brand, categories}}`; categories is one
 * comma-separated string split into a path (capped at `LIMITS.maxCategoryDepth` levels: one item's string
 * runs on into feature text); empty strings become null.
 */
export async function readScientific(dir: string): Promise<DatasetBundle> {
  const inter = await parseFile(join(dir, SCIENTIFIC_FILES.interactions), Interactions, '{"user": [item, ...]}');
  const items = await parseFile(join(dir, SCIENTIFIC_FILES.items), Items, '{"item": {"title", "description", "brand", "categories"}}');
  const collector = createSequenceCollector();
  for (const [userId, sequence] of Object.entries(inter)) collector.add(userId, sequence.map(String), 'purchase');
  const products = Object.entries(items).map(([id, item]) =>
    makeProduct(id, item.title, {
      description: item.description,
      brand: item.brand,
      categories: item.categories ? item.categories.split(',') : null,
    }),
  );
  const events = sortEvents(collector.events);
  return { name: 'amazon-scientific', products: addMissingProducts(products, events, 'Scientific item'), events };
}
