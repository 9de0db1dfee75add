import type { ShopperState } from '../ports';
import { describeHistoryStoreContract } from './history-store.contract';
import { MemoryHistoryStore } from './memory-history-store';

describeHistoryStoreContract('memory', async (historyLength) => ({
  store: new MemoryHistoryStore({ historyLength, maxShoppers: 100 }),
  cleanup: async () => undefined,
}));

describe('MemoryHistoryStore', () => {
  const empty = (): ShopperState => ({ recent: [], purchased: [], disliked: [] });

  it('evicts the least recently used shopper beyond maxShoppers', async () => {
    const store = new MemoryHistoryStore({ historyLength: 5, maxShoppers: 2 });
    const loads: number[] = [];
    const load = (id: number) => async () => {
      loads.push(id);
      return empty();
    };
    await store.get(1, load(1));
    await store.get(2, load(2));
    await store.get(1, load(1)); // 1 is now the most recently used
    await store.get(3, load(3)); // evicts 2
    expect(store.size).toBe(2);
    await store.get(1, load(1));
    await store.get(2, load(2));
    expect(loads).toEqual([1, 2, 3, 2]);
  });

  it('shares one load between concurrent misses of a shopper', async () => {
    const store = new MemoryHistoryStore({ historyLength: 5, maxShoppers: 10 });
    let calls = 0;
    const load = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return empty();
    };
    await Promise.all([store.get(1, load), store.get(1, load), store.get(1, load)]);
    expect(calls).toBe(1);
  });

  it('does not cache a load overtaken by an append (the events may be missing from it)', async () => {
    const store = new MemoryHistoryStore({ historyLength: 5, maxShoppers: 10 });
    let release: () => void = () => undefined;
    const slow = store.get(1, () => new Promise<ShopperState>((resolve) => (release = () => resolve(empty()))));
    await store.append(1, [{ productId: 4, type: 'view', ts: 1 }]);
    release();
    expect(await slow).toEqual(empty());
    let reloaded = 0;
    await store.get(1, async () => {
      reloaded++;
      return { recent: [{ productId: 4, type: 'view', ts: 1 }], purchased: [], disliked: [] };
    });
    expect(reloaded).toBe(1);
  });

  it('hands out copies: mutating a returned state does not change the cache', async () => {
    const store = new MemoryHistoryStore({ historyLength: 5, maxShoppers: 10 });
    const state = await store.get(1, async () => ({ recent: [{ productId: 1, type: 'view', ts: 1 }], purchased: [1], disliked: [] }));
    state.recent.length = 0;
    state.purchased.push(99);
    expect(await store.get(1, async () => empty())).toEqual({ recent: [{ productId: 1, type: 'view', ts: 1 }], purchased: [1], disliked: [] });
  });
});
