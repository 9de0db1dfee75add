import type { LongtailCandidate } from '@magpie/data';
import { LongtailCache } from './longtail-cache';

describe('LongtailCache', () => {
  const rows = (userId: number, version: number): LongtailCandidate[] =>
    [1, 2, 3].map((i) => ({ userId, productId: version * 100 + i, score: 1 / i }));

  it('reads a shopper once per generator version, trims to the limit, and reads again after the TTL', async () => {
    let now = 0;
    const forUser = jest.fn(async (userId: number, version: number, limit: number) => rows(userId, version).slice(0, limit));
    const cache = new LongtailCache({ forUser }, { ttlMs: 1000, now: () => now });
    expect((await cache.forUser(7, 1, 3)).map((c) => c.productId)).toEqual([101, 102, 103]);
    expect((await cache.forUser(7, 1, 2)).map((c) => c.productId)).toEqual([101, 102]);
    expect(forUser).toHaveBeenCalledTimes(1);
    expect((await cache.forUser(7, 2, 3)).map((c) => c.productId)).toEqual([201, 202, 203]); // a new version misses
    expect(forUser).toHaveBeenCalledTimes(2);
    now = 1001;
    await cache.forUser(7, 2, 3);
    expect(forUser).toHaveBeenCalledTimes(3);
    cache.forget(7);
    await cache.forUser(7, 2, 3);
    expect(forUser).toHaveBeenCalledTimes(4);
  });

  it('asks again when a larger list is wanted, and forgets the least recently used shopper beyond capacity', async () => {
    const forUser = jest.fn(async (userId: number, version: number, limit: number) => rows(userId, version).slice(0, limit));
    const cache = new LongtailCache({ forUser }, { capacity: 2 });
    await cache.forUser(1, 1, 1);
    await cache.forUser(1, 1, 3);
    expect(forUser).toHaveBeenCalledTimes(2);
    await cache.forUser(2, 1, 3);
    await cache.forUser(1, 1, 3); // 1 is now the most recent
    await cache.forUser(3, 1, 3); // evicts 2
    expect(forUser).toHaveBeenCalledTimes(4);
    await cache.forUser(1, 1, 3);
    expect(forUser).toHaveBeenCalledTimes(4);
    await cache.forUser(2, 1, 3);
    expect(forUser).toHaveBeenCalledTimes(5);
  });
});
