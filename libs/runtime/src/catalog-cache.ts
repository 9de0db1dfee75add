import { isInStock, type Product } from '@magpie/contracts';
import type { ProductRepository } from '@magpie/data';
import { ById, isPacked, PACKED_IDS } from '@magpie/math';
import { CategoryNumbers, type CatalogView } from '@magpie/recommendation';

/** How late a write's transaction may commit after it stamped its rows, and still be picked up by `refresh`. */
const LATE_COMMIT_MS = 1000;

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
  /** The newest change this cache holds, as (updated_at ms, id): where the sync resumes once nothing is in flight. */
  private newest = { at: 0, id: 0 };
  /**
   * Changes stamped before this (database ms) were all committed when this cache last read the table:
   * one second before the database's clock at that read's start. −∞ before the first read.
   */
  private settled = Number.NEGATIVE_INFINITY;

  constructor(private readonly products: Pick<ProductRepository, 'scan' | 'versionsSince' | 'byIds' | 'clock'>) {}

  async load(): Promise<number> {
    const clock = await this.products.clock();
    for await (const page of this.products.scan(5000)) this.apply(page);
    this.settled = clock.getTime() - LATE_COMMIT_MS;
    return this.byIdMap.size;
  }

  /**
   * Picks up changes made elsewhere since the last read. A row is stamped when its transaction starts,
   * so one that commits after a read may carry an older stamp: each read re-checks from one second
   * before the database's clock at the previous read (transactions are assumed shorter), as versions
   * only (id, updated_at: an index scan), and fetches only rows this cache does not hold in that version.
   * Once the newest change is older than that, it reads only what is newer: a bulk import is not
   * re-read at every poll. Pages by (updated_at, id), so it always advances.
   */
  async refresh(limit = 5000): Promise<number> {
    const clock = await this.products.clock();
    let total = 0;
    let after = this.settled <= this.newest.at ? { at: new Date(Math.max(0, this.settled)), id: 0 } : { at: new Date(this.newest.at), id: this.newest.id };
    for (;;) {
      const versions = await this.products.versionsSince(after, limit);
      const stale = versions.filter((v) => this.byIdMap.get(v.id)?.updatedAt.getTime() !== v.updatedAt.getTime()).map((v) => v.id);
      const fresh = stale.length > 0 ? await this.products.byIds(stale) : [];
      this.apply(fresh);
      total += fresh.length;
      if (versions.length < limit) break;
      const last = versions[versions.length - 1];
      after = { at: last.updatedAt, id: last.id };
    }
    this.settled = clock.getTime() - LATE_COMMIT_MS;
    return total;
  }

  apply(changed: Product[]): void {
    if (changed.length === 0) return;
    for (const p of changed) {
      this.byIdMap.set(p.id, p);
      this.byIdFast.set(p.id, p);
      if (isPacked(p.id)) this.setFacts(p);
      this.byExternal.set(p.externalId, p);
      const at = p.updatedAt.getTime();
      if (at > this.newest.at || (at === this.newest.at && p.id > this.newest.id)) this.newest = { at, id: p.id };
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
