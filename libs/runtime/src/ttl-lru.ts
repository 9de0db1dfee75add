export interface TtlLruOptions {
  capacity: number;
  ttlMs: number;
  now?: () => number;
}

/**
 * A bounded map for request-path caches: entries older than `ttlMs` count as missing, and beyond
 * `capacity` the least recently used entry goes first.
 */
export class TtlLru<K, V> {
  private readonly entries = new Map<K, { value: V; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: TtlLruOptions) {
    this.now = options.now ?? Date.now;
  }

  get(key: K): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (this.now() - hit.at >= this.options.ttlMs) return undefined;
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: this.now() });
    if (this.entries.size > this.options.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  delete(key: K): void {
    this.entries.delete(key);
  }
}
