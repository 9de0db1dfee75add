import type { UserRepository } from '@magpie/data';

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
  private readonly ids = new Map<string, { id: number; at: number }>();
  private readonly capacity: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly users: Pick<UserRepository, 'find'>, options: UserIdCacheOptions = {}) {
    this.capacity = options.capacity ?? 100_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  async find(externalId: string): Promise<number | null> {
    const hit = this.ids.get(externalId);
    if (hit && this.now() - hit.at < this.ttlMs) {
      this.ids.delete(externalId);
      this.ids.set(externalId, hit);
      return hit.id;
    }
    const id = await this.users.find(externalId);
    this.ids.delete(externalId);
    if (id !== null) {
      this.ids.set(externalId, { id, at: this.now() });
      if (this.ids.size > this.capacity) this.ids.delete(this.ids.keys().next().value as string);
    }
    return id;
  }

  forget(externalId: string): void {
    this.ids.delete(externalId);
  }
}
