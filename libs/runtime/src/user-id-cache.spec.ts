import { UserIdCache } from './user-id-cache';

describe('UserIdCache', () => {
  const setup = (options: { capacity?: number } = {}) => {
    const table = new Map([['a', 1], ['b', 2], ['c', 3]]);
    const lookups: string[] = [];
    let now = 0;
    const cache = new UserIdCache({ find: async (ext) => { lookups.push(ext); return table.get(ext) ?? null; } }, { ttlMs: 1000, now: () => now, ...options });
    return { cache, table, lookups, tick: (ms: number) => { now += ms; } };
  };

  it('looks an id up once, then answers from memory until the TTL passes', async () => {
    const { cache, lookups, tick } = setup();
    expect(await cache.find('a')).toBe(1);
    expect(await cache.find('a')).toBe(1);
    expect(lookups).toEqual(['a']);
    tick(1000);
    expect(await cache.find('a')).toBe(1);
    expect(lookups).toEqual(['a', 'a']);
  });

  it('never remembers an unknown shopper, and forgets on request', async () => {
    const { cache, table, lookups } = setup();
    expect(await cache.find('new')).toBeNull();
    table.set('new', 9);
    expect(await cache.find('new')).toBe(9);
    cache.forget('new');
    table.delete('new');
    expect(await cache.find('new')).toBeNull();
    expect(lookups).toEqual(['new', 'new', 'new']);
  });

  it('drops the least recently used id beyond its capacity', async () => {
    const { cache, lookups } = setup({ capacity: 2 });
    await cache.find('a');
    await cache.find('b');
    await cache.find('a');
    await cache.find('c'); // evicts b
    await cache.find('a');
    await cache.find('b');
    expect(lookups).toEqual(['a', 'b', 'c', 'b']);
  });
});
