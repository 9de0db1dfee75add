import type { LongtailCandidate, LongtailRepository } from '@magpie/data';
import { TtlLru } from './ttl-lru';

export interface LongtailCacheOptions {
  /** Shoppers remembered (least recently used go first; default 20,000). */
  capacity?: number;
  /** How long a list is trusted before it is read again (default 60 s). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * A shopper's long-tail candidates for the request path. A generator version's candidates do not change
 * once written (a re-run of the same version writes the same rows), so they are read from the database
 * once per shopper and version; a new version misses the cache at once. The TTL bounds how long a
 * shopper forgotten through another replica may still be served from here.
 */
export class LongtailCache implements Pick<LongtailRepository, 'forUser'> {
  private readonly lists: TtlLru<number, { version: number; limit: number; candidates: LongtailCandidate[] }>;

  constructor(private readonly longtail: Pick<LongtailRepository, 'forUser'>, options: LongtailCacheOptions = {}) {
    this.lists = new TtlLru({ capacity: options.capacity ?? 20_000, ttlMs: options.ttlMs ?? 60_000, now: options.now });
  }

  async forUser(userId: number, generatorVersion: number, limit: number): Promise<LongtailCandidate[]> {
    const hit = this.lists.get(userId);
    if (hit && hit.version === generatorVersion && hit.limit >= limit) return hit.candidates.slice(0, limit);
    const candidates = await this.longtail.forUser(userId, generatorVersion, limit);
    this.lists.set(userId, { version: generatorVersion, limit, candidates });
    return candidates;
  }

  forget(userId: number): void {
    this.lists.delete(userId);
  }
}
