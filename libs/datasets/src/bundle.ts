import { LIMITS, type EventType, type Product, type ProductInput } from '@magpie/contracts';

/** One shopper action in a dataset, with the dataset's own (string) ids. */
export interface DatasetEvent {
  userId: string;
  productId: string;
  type: EventType;
  /** Epoch milliseconds (synthesised where the source has no timestamps; see `SYNTHETIC_BASE_TS`). */
  ts: number;
}

/** A graded search judgment: how relevant `productId` is for `query` (scale of the source dataset). */
export interface Judgment {
  query: string;
  productId: string;
  relevance: number;
}

/**
 * A dataset in one normalised in-memory form, whatever its file format.
 * `events` are sorted by `ts`, then `userId`; each user's events keep their original order on ties,
 * so every user's events are in time order.
 */
export interface DatasetBundle {
  name: string;
  products: ProductInput[];
  events: DatasetEvent[];
  judgments?: Judgment[];
}

/**
 * Category path cleaned to what `ProductInput` accepts: trimmed, empty levels dropped, each level at most
 * `LIMITS.maxCategoryLength` characters, at most `LIMITS.maxCategoryDepth` levels (deeper ones dropped);
 * null when nothing is left.
 */
export function cleanCategories(levels: readonly string[] | null | undefined): string[] | null {
  if (!levels) return null;
  const cleaned = levels
    .map((level) => level.trim().slice(0, LIMITS.maxCategoryLength))
    .filter((level) => level !== '')
    .slice(0, LIMITS.maxCategoryDepth);
  return cleaned.length > 0 ? cleaned : null;
}

/** Trimmed text clipped to `max` characters; null when empty or missing. */
export function cleanText(text: string | null | undefined, max: number): string | null {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? null : trimmed.slice(0, max);
}

/**
 * A product with every text/number field present (null where the source has nothing), clipped to the
 * limits `ProductInput` validates (title, description, brand lengths; category depth).
 */
export function makeProduct(id: string, title: string, fields: Partial<Omit<ProductInput, 'id' | 'title'>> = {}): ProductInput {
  const { description, brand, categories, ...rest } = fields;
  return {
    id,
    title: title.trim().slice(0, LIMITS.maxTitleLength),
    description: cleanText(description, LIMITS.maxDescriptionLength),
    brand: cleanText(brand, LIMITS.maxCategoryLength),
    categories: cleanCategories(categories),
    price: null,
    stock: null,
    ...rest,
  };
}

/** Sorts in place by ts, then userId (code-unit order); stable, so per-user order survives equal timestamps. */
export function sortEvents(events: DatasetEvent[]): DatasetEvent[] {
  return events.sort((a, b) => a.ts - b.ts || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/**
 * Appends products for ids that events mention but `products` lacks (formats without an item file, or
 * an item file that misses some ids), titled `${titlePrefix} ${id}`, in first-seen order.
 */
export function addMissingProducts(products: ProductInput[], events: readonly DatasetEvent[], titlePrefix: string): ProductInput[] {
  const known = new Set(products.map((p) => p.id));
  for (const e of events) {
    if (!known.has(e.productId)) {
      known.add(e.productId);
      products.push(makeProduct(e.productId, `${titlePrefix} ${e.productId}`));
    }
  }
  return products;
}

/** A dataset's product as the catalogue would hold it under internal id `id`: for offline jobs and tools that skip the database. */
export function asCatalogProduct(input: ProductInput, id: number, at = new Date(0)): Product {
  return {
    id, externalId: input.id, title: input.title, description: input.description ?? null, brand: input.brand ?? null, categories: input.categories ?? [],
    price: input.price ?? null, stock: input.stock ?? null, imageUrl: input.imageUrl ?? null, attributes: input.attributes ?? {}, createdAt: at, updatedAt: at,
  };
}
