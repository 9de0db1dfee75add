import type { DatasetBundle } from '@magpie/datasets';
import type { MagpieStore } from '@magpie/data';

export interface ImportProgress {
  phase: 'products' | 'events';
  done: number;
  total: number;
}

export interface ImportResult {
  products: { created: number; updated: number; unchanged: number };
  events: { accepted: number; duplicates: number };
  seconds: number;
}

/**
 * Loads a dataset into the store: products by external id, then events in time order. Each event
 * gets a deterministic id (`<dataset>:<user>:<n>`), so importing the same dataset again adds nothing.
 */
export async function importBundle(
  store: Pick<MagpieStore, 'products' | 'events'>,
  bundle: DatasetBundle,
  options: { chunk?: number; onProgress?: (p: ImportProgress) => void } = {},
): Promise<ImportResult> {
  const started = Date.now();
  const chunk = options.chunk ?? 2000;
  const products = { created: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < bundle.products.length; i += chunk) {
    const r = await store.products.upsert(bundle.products.slice(i, i + chunk));
    products.created += r.created;
    products.updated += r.updated;
    products.unchanged += r.unchanged;
    options.onProgress?.({ phase: 'products', done: Math.min(i + chunk, bundle.products.length), total: bundle.products.length });
  }
  const perUser = new Map<string, number>();
  const events = { accepted: 0, duplicates: 0 };
  for (let i = 0; i < bundle.events.length; i += chunk) {
    const inputs = bundle.events.slice(i, i + chunk).map((e) => {
      const n = (perUser.get(e.userId) ?? 0) + 1;
      perUser.set(e.userId, n);
      return { eventId: `${bundle.name}:${e.userId}:${n}`, userId: e.userId, productId: e.productId, type: e.type, timestamp: e.ts };
    });
    const r = await store.events.append(inputs);
    events.accepted += r.accepted;
    events.duplicates += r.duplicates;
    options.onProgress?.({ phase: 'events', done: Math.min(i + chunk, bundle.events.length), total: bundle.events.length });
  }
  return { products, events, seconds: (Date.now() - started) / 1000 };
}
