import type { Product } from '@magpie/contracts';
import type { ProductRepository } from '@magpie/data';

/**
 * The catalogue in memory, for the hot paths (recommendation filters, search index). Loaded once,
 * then kept current by `apply` (writes made through this process) and `refresh` (writes made by
 * other replicas, picked up by `updated_at`). Listeners hear about every change.
 */
export class CatalogCache {
  private readonly byIdMap = new Map<number, Product>();
  private readonly byExternal = new Map<string, Product>();
  private readonly listeners: Array<(changed: Product[]) => void> = [];
  private watermark = 0;

  constructor(private readonly products: Pick<ProductRepository, 'scan' | 'changedSince'>) {}

  async load(): Promise<number> {
    for await (const page of this.products.scan(5000)) this.apply(page);
    return this.byIdMap.size;
  }

  /**
   * Picks up changes made elsewhere since the last seen change. It re-reads one second before the
   * newest change it knows, so a write whose transaction committed late is not missed; rows it
   * already holds in that version are skipped. Pages by (updated_at, id), so it always advances.
   */
  async refresh(limit = 5000): Promise<number> {
    let total = 0;
    let after = { at: new Date(this.watermark - 1000), id: 0 };
    for (;;) {
      const changed = await this.products.changedSince(after, limit);
      const fresh = changed.filter((p) => this.byIdMap.get(p.id)?.updatedAt.getTime() !== p.updatedAt.getTime());
      this.apply(fresh);
      total += fresh.length;
      if (changed.length < limit) return total;
      const last = changed[changed.length - 1];
      after = { at: last.updatedAt, id: last.id };
    }
  }

  apply(changed: Product[]): void {
    if (changed.length === 0) return;
    for (const p of changed) {
      this.byIdMap.set(p.id, p);
      this.byExternal.set(p.externalId, p);
      this.watermark = Math.max(this.watermark, p.updatedAt.getTime());
    }
    for (const listener of this.listeners) listener(changed);
  }

  onChange(listener: (changed: Product[]) => void): void {
    this.listeners.push(listener);
  }

  byId(id: number): Product | undefined {
    return this.byIdMap.get(id);
  }

  byExternalId(externalId: string): Product | undefined {
    return this.byExternal.get(externalId);
  }

  get size(): number {
    return this.byIdMap.size;
  }

  all(): IterableIterator<Product> {
    return this.byIdMap.values();
  }
}
