import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { badInput, type EventType, type ProductInput } from '@magpie/contracts';
import { addMissingProducts, makeProduct, sortEvents, type DatasetBundle, type DatasetEvent } from '../bundle';
import { fileExists, requireFile } from '../files';
import { sequenceTimestamp } from '../synthetic-time';
import { atomicValue, findField, readAtomicRows, type AtomicField } from './recbole-atomic';

export interface RecboleOptions {
  /** Bundle name. Default: the dataset name (file prefix without folder). */
  name?: string;
  /** Maps a row's rating (null when the file has no rating column) to an event type. Default `ratingToEventType`. */
  eventType?: (rating: number | null) => EventType;
  /** Title prefix for items the `.item` file lacks (or when there is none). Default 'Item'. */
  titlePrefix?: string;
}

/**
 * Default mapping of explicit ratings to implicit-feedback events, for a 1–5 star scale. Every rating stays
 * an event (a rating means the user consumed the item), graded by strength:
 * rating ≥ 4 → 'purchase', 3 → 'click', ≤ 2 or no rating → 'view'.
 */
export function ratingToEventType(rating: number | null): EventType {
  if (rating === null || Number.isNaN(rating)) return 'view';
  if (rating >= 4) return 'purchase';
  if (rating >= 3) return 'click';
  return 'view';
}

const USER_FIELDS = ['user_id'];
const ITEM_FIELDS = ['item_id'];
const RATING_FIELDS = ['rating'];
const TIME_FIELDS = ['timestamp'];
const TITLE_FIELDS = ['title', 'movie_title', 'item_title', 'name'];
const CATEGORY_FIELDS = ['categories', 'category', 'class', 'genre', 'genres'];
const YEAR_FIELDS = ['release_year', 'year'];

/** `dir/` → `dir/<basename>`, `x.inter` → `x`, anything else is already a prefix. */
async function resolvePrefix(pathPrefixOrInterFile: string): Promise<string> {
  if (pathPrefixOrInterFile.endsWith('.inter')) return pathPrefixOrInterFile.slice(0, -'.inter'.length);
  const info = await stat(pathPrefixOrInterFile).catch(() => null);
  return info?.isDirectory() ? join(pathPrefixOrInterFile, basename(pathPrefixOrInterFile)) : pathPrefixOrInterFile;
}

function requireColumn(fields: readonly AtomicField[], names: readonly string[], path: string): number {
  const index = findField(fields, names);
  if (index < 0) throw badInput(`${path}: no ${names.join('/')} column; header has ${fields.map((f) => f.name).join(', ')}`);
  return index;
}

async function readInter(path: string, eventType: (rating: number | null) => EventType): Promise<DatasetEvent[]> {
  let user = -1;
  let item = -1;
  let rating = -1;
  let time = -1;
  const events: DatasetEvent[] = [];
  const userIndex = new Map<string, number>();
  const lengths = new Map<string, number>();
  const rows = readAtomicRows(path, (fields) => {
    user = requireColumn(fields, USER_FIELDS, path);
    item = requireColumn(fields, ITEM_FIELDS, path);
    rating = findField(fields, RATING_FIELDS);
    time = findField(fields, TIME_FIELDS);
  });
  for await (const row of rows) {
    const userId = row[user];
    let ts: number;
    if (time >= 0) {
      ts = Math.round(Number(row[time]) * 1000); // RecBole timestamps are epoch seconds
      if (!Number.isFinite(ts)) throw badInput(`${path}: unreadable timestamp "${row[time]}"`);
    } else {
      // No time column: keep file order per user, synthetic time (see sequenceTimestamp).
      if (!userIndex.has(userId)) userIndex.set(userId, userIndex.size);
      const position = lengths.get(userId) ?? 0;
      lengths.set(userId, position + 1);
      ts = sequenceTimestamp(userIndex.get(userId) ?? 0, position);
    }
    const value = rating >= 0 && row[rating].trim() !== '' ? Number(row[rating]) : null;
    events.push({ userId, productId: row[item], type: eventType(value), ts });
  }
  return sortEvents(events);
}

function fieldText(value: ReturnType<typeof atomicValue>): string | null {
  if (value === null) return null;
  return Array.isArray(value) ? value.join(' ') : String(value);
}

function categoryList(value: ReturnType<typeof atomicValue>): string[] | null {
  if (Array.isArray(value)) return value.map(String);
  return value === null || value === '' ? null : [String(value)];
}

/** Reads a `.item` file: title, description, brand, price and categories mapped to product fields; the rest into attributes. */
async function readItems(path: string, titlePrefix: string): Promise<ProductInput[]> {
  let fields: AtomicField[] = [];
  let id = -1;
  const products: ProductInput[] = [];
  for await (const row of readAtomicRows(path, (header) => {
    fields = header;
    id = requireColumn(header, ITEM_FIELDS, path);
  })) {
    const productId = row[id];
    let title: string | null = null;
    const extra: Partial<ProductInput> = {};
    const attributes: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      if (i === id) continue;
      const field = fields[i];
      const raw = row[i];
      const value = atomicValue(field, raw);
      if (TITLE_FIELDS.includes(field.name) && title === null) title = raw.trim(); // token_seq titles are plain text
      else if (field.name === 'description') extra.description = fieldText(value);
      else if (field.name === 'brand') extra.brand = fieldText(value);
      else if (field.name === 'price' && typeof value === 'number' && value >= 0) extra.price = value;
      else if (CATEGORY_FIELDS.includes(field.name) && !extra.categories) extra.categories = categoryList(value);
      else if (YEAR_FIELDS.includes(field.name) && raw.trim() !== '' && Number.isFinite(Number(raw))) attributes.year = Number(raw);
      else if (value !== null && value !== '') attributes[field.name] = value;
    }
    if (Object.keys(attributes).length > 0) extra.attributes = attributes;
    products.push(makeProduct(productId, title || `${titlePrefix} ${productId}`, extra));
  }
  return products;
}

/**
 * Reads a RecBole atomic dataset: `<prefix>.inter` (typed header; needs user_id and item_id, uses rating and
 * timestamp when present) and `<prefix>.item` when it exists. Accepts the prefix, the `.inter` file, or the
 * dataset folder (`dir/` → `dir/<dir name>.inter`, RecBole's layout).
 * Timestamps are epoch seconds (converted to ms); without a timestamp column each user's rows keep file
 * order with synthetic times. Ratings become event types through `options.eventType` (default
 * `ratingToEventType`); every row is kept as an event.
 */
export async function readRecbole(pathPrefixOrInterFile: string, options: RecboleOptions = {}): Promise<DatasetBundle> {
  const prefix = await resolvePrefix(pathPrefixOrInterFile);
  const { name = basename(prefix), eventType = ratingToEventType, titlePrefix = 'Item' } = options;
  const interPath = await requireFile(`${prefix}.inter`, 'RecBole interaction file');
  const events = await readInter(interPath, eventType);
  const itemPath = `${prefix}.item`;
  const products = (await fileExists(itemPath)) ? await readItems(itemPath, titlePrefix) : [];
  return { name, products: addMissingProducts(products, events, titlePrefix), events };
}
