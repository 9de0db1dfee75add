import type { HistoryEntry } from '@magpie/contracts';
import type { HistoryStore, ShopperState } from '../ports';
import { boundedCopy, type HistoryStoreLimits, isInterest } from './history-entry';

export interface MemoryHistoryStoreOptions extends HistoryStoreLimits {
  /** Shoppers kept; the least recently used is evicted beyond this. */
  maxShoppers: number;
}

interface CachedShopper {
  recent: HistoryEntry[];
  purchased: Set<number>;
  disliked: Set<number>;
}

interface PendingLoad {
  promise: Promise<ShopperState>;
  /** Set when events arrived (or the shopper was forgotten) while loading: do not cache the result. */
  stale: boolean;
}

/**
 * Per-shopper real-time state in process memory (embedded mode), bounded by an LRU over shoppers.
 * Concurrent misses for one shopper share one load; a load overtaken by `append` or `forget` is
 * returned but not cached, so the next read rebuilds from the database.
 */
export class MemoryHistoryStore implements HistoryStore {
  private readonly shoppers = new Map<number, CachedShopper>();
  private readonly loads = new Map<number, PendingLoad>();

  constructor(private readonly options: MemoryHistoryStoreOptions) {
    if (options.historyLength < 1 || options.maxShoppers < 1) throw new RangeError('historyLength and maxShoppers must be >= 1');
  }

  /** Shoppers currently cached. */
  get size(): number {
    return this.shoppers.size;
  }

  async get(userId: number, load: () => Promise<ShopperState>): Promise<ShopperState> {
    const hit = this.shoppers.get(userId);
    if (hit) {
      this.touch(userId, hit);
      return { recent: hit.recent.map((e) => ({ ...e })), purchased: [...hit.purchased], disliked: [...hit.disliked] };
    }
    const pending = this.loads.get(userId);
    if (pending) return boundedCopy(await pending.promise, this.options.historyLength);
    const entry: PendingLoad = { promise: load(), stale: false };
    this.loads.set(userId, entry);
    try {
      const state = await entry.promise;
      if (!entry.stale) this.put(userId, state);
      return boundedCopy(state, this.options.historyLength);
    } finally {
      if (this.loads.get(userId) === entry) this.loads.delete(userId);
    }
  }

  async append(userId: number, entries: HistoryEntry[]): Promise<void> {
    const pending = this.loads.get(userId);
    if (pending) pending.stale = true;
    const cached = this.shoppers.get(userId);
    if (!cached) return;
    for (const entry of entries.filter(isInterest)) {
      cached.recent.push({ ...entry });
      if (entry.type === 'purchase') cached.purchased.add(entry.productId);
      if (entry.type === 'dislike') cached.disliked.add(entry.productId);
    }
    const excess = cached.recent.length - this.options.historyLength;
    if (excess > 0) cached.recent.splice(0, excess);
    this.touch(userId, cached);
  }

  async forget(userId: number): Promise<void> {
    const pending = this.loads.get(userId);
    if (pending) pending.stale = true;
    this.shoppers.delete(userId);
  }

  async close(): Promise<void> {
    this.shoppers.clear();
    this.loads.clear();
  }

  private put(userId: number, state: ShopperState): void {
    const copy = boundedCopy(state, this.options.historyLength);
    this.touch(userId, { recent: copy.recent, purchased: new Set(copy.purchased), disliked: new Set(copy.disliked) });
    while (this.shoppers.size > this.options.maxShoppers) {
      const oldest = this.shoppers.keys().next().value;
      if (oldest === undefined) break;
      this.shoppers.delete(oldest);
    }
  }

  /** Map iteration order is insertion order: re-inserting marks the shopper most recently used. */
  private touch(userId: number, shopper: CachedShopper): void {
    this.shoppers.delete(userId);
    this.shoppers.set(userId, shopper);
  }
}
