import { isInStock, type Product } from '@magpie/contracts';
import type { ProductRepository } from '@magpie/data';
import { ById, isPacked, PACKED_IDS } from '@magpie/math';
import { CategoryNumbers, type CatalogView } from '@magpie/recommendation';

/**
 * The catalogue in memory, for the hot paths (recommendation filters, search index). Loaded once,
 * then kept current by `apply` (writes made through this process) and `refresh` (writes made by
 * other replicas, picked up by `updated_at`). Listeners hear about every change. For the ids kept in the
 * array, whether a product is available and its leaf category are also kept in typed arrays: the checks
 * every recommendation candidate passes read them without touching the product objects.
 */
export class CatalogCache implements CatalogView {
  private readonly byIdMap = new Map<number, Product>();
  /** The hot paths' lookup by id (`byIdMap` holds every product too, in the order they came). */
  private readonly byIdFast = new ById<Product>();
  /** By id for the ids `ById` packs: 1 when the product is in stock. */
  private available = new Uint8Array(0);
  /** By id as `available`: the number of the product's leaf category, −1 for none. */
  private leaves = new Int32Array(0);
  private readonly categories = new CategoryNumbers();
  private readonly byExternal = new Map<string, Product>();
  private readonly listeners: Array<(changed: Product[]) => void> = [];
  private watermark = 0;

  constructor(private readonly products: Pick<ProductRepository, 'scan' | 'versionsSince' | 'byIds'>) {}

  async load(): Promise<number> {
    for await (const page of this.products.scan(5000)) this.apply(page);
    return this.byIdMap.size;
  }

  /**
   * Picks up changes made elsewhere since the last seen change. It re-reads one second before the
   * newest change it knows, so a write whose transaction committed late is not missed; that window is
   * read as versions only (id, updated_at: an index scan), and only rows this cache does not hold in
   * that version are fetched. Pages by (updated_at, id), so it always advances.
   */
  async refresh(limit = 5000): Promise<number> {
    let total = 0;
    let after = { at: new Date(this.watermark - 1000), id: 0 };
    for (;;) {
      const versions = await this.products.versionsSince(after, limit);
      const stale = versions.filter((v) => this.byIdMap.get(v.id)?.updatedAt.getTime() !== v.updatedAt.getTime()).map((v) => v.id);
      const fresh = stale.length > 0 ? await this.products.byIds(stale) : [];
      this.apply(fresh);
      total += fresh.length;
      if (versions.length < limit) return total;
      const last = versions[versions.length - 1];
      after = { at: last.updatedAt, id: last.id };
    }
  }

  apply(changed: Product[]): void {
    if (changed.length === 0) return;
    for (const p of changed) {
      this.byIdMap.set(p.id, p);
      this.byIdFast.set(p.id, p);
      if (isPacked(p.id)) this.setFacts(p);
      this.byExternal.set(p.externalId, p);
      this.watermark = Math.max(this.watermark, p.updatedAt.getTime());
    }
    for (const listener of this.listeners) listener(changed);
  }

  private setFacts(p: Product): void {
    if (p.id >= this.available.length) {
      const size = Math.min(PACKED_IDS, Math.max(p.id + 1, this.available.length * 2, 1024));
      const available = new Uint8Array(size);
      available.set(this.available);
      const leaves = new Int32Array(size).fill(-1);
      leaves.set(this.leaves);
      this.available = available;
      this.leaves = leaves;
    }
    this.available[p.id] = isInStock(p) ? 1 : 0;
    this.leaves[p.id] = this.categories.leafOf(p);
  }

  onChange(listener: (changed: Product[]) => void): void {
    this.listeners.push(listener);
  }

  byId(id: number): Product | undefined {
    return this.byIdFast.get(id);
  }

  isAvailable(id: number): boolean {
    if (id >= 0 && id < this.available.length) return this.available[id] === 1;
    const product = this.byIdMap.get(id);
    return product !== undefined && isInStock(product);
  }

  leafCategory(id: number): number {
    return id >= 0 && id < this.leaves.length ? this.leaves[id] : this.categories.leafOf(this.byIdMap.get(id));
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
