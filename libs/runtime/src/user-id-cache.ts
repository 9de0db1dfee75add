import type { UserRepository } from '@magpie/data';
import { TtlLru } from './ttl-lru';

export interface UserIdCacheOptions {
  /** Shoppers remembered (least recently used go first; default 100,000). */
  capacity?: number;
  /** How long an id is trusted before it is looked up again (default 60 s). */
  ttlMs?: number;
  now?: () => number;
}

/**
 * External → internal shopper ids for the request path, so `recommendations` does not query the
 * database for an id that never changes. Only found ids are kept (a shopper created a moment ago
 * by `recordEvents` on another replica is found at once). `forget` drops an id when this process
 * forgets the shopper; the TTL bounds how long another replica may still use a forgotten id.
 */
export class UserIdCache implements Pick<UserRepository, 'find'> {
  private readonly ids: TtlLru<string, number>;

  constructor(private readonly users: Pick<UserRepository, 'find'>, options: UserIdCacheOptions = {}) {
    this.ids = new TtlLru({ capacity: options.capacity ?? 100_000, ttlMs: options.ttlMs ?? 60_000, now: options.now });
  }

  async find(externalId: string): Promise<number | null> {
    const hit = this.ids.get(externalId);
    if (hit !== undefined) return hit;
    const id = await this.users.find(externalId);
    if (id !== null) this.ids.set(externalId, id);
    return id;
  }

  forget(externalId: string): void {
    this.ids.delete(externalId);
  }
}
