import type { HistoryEntry } from '@magpie/contracts';
import type { HistoryStore, ShopperState } from '../ports';

const HISTORY_LENGTH = 3;

const entry = (productId: number, type: HistoryEntry['type'], ts: number): HistoryEntry => ({ productId, type, ts });

/** A `load` that counts its calls. */
function loader(state: ShopperState) {
  const calls = { n: 0 };
  const load = async () => {
    calls.n++;
    return state;
  };
  return { load, calls };
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

/**
 * The behaviour every HistoryStore must show. `factory(historyLength)` gives a fresh, empty store;
 * `cleanup` removes whatever it left behind.
 */
export function describeHistoryStoreContract(
  name: string,
  factory: (historyLength: number) => Promise<{ store: HistoryStore; cleanup: () => Promise<void> }>,
): void {
  describe(`HistoryStore contract: ${name}`, () => {
    let store: HistoryStore;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ store, cleanup } = await factory(HISTORY_LENGTH));
    });
    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it('loads a missing shopper once and serves the cached state afterwards', async () => {
      const state: ShopperState = { recent: [entry(1, 'view', 10), entry(2, 'purchase', 20)], purchased: [2], disliked: [7] };
      const { load, calls } = loader(state);
      expect(await store.get(1, load)).toEqual(state);
      expect(await store.get(1, load)).toEqual(state);
      expect(calls.n).toBe(1);
    });

    it('caches an empty shopper too (no reload on every request)', async () => {
      const { load, calls } = loader({ recent: [], purchased: [], disliked: [] });
      await store.get(2, load);
      expect(await store.get(2, load)).toEqual({ recent: [], purchased: [], disliked: [] });
      expect(calls.n).toBe(1);
    });

    it('ignores appends for shoppers not cached, so a cold shopper is rebuilt whole from the database', async () => {
      await store.append(3, [entry(5, 'view', 100)]);
      const fromDb: ShopperState = { recent: [entry(4, 'view', 50), entry(5, 'view', 100)], purchased: [], disliked: [] };
      const { load, calls } = loader(fromDb);
      expect(await store.get(3, load)).toEqual(fromDb);
      expect(calls.n).toBe(1);
    });

    it('appends to a cached shopper: newest last, trimmed to the history length, purchases and dislikes recorded', async () => {
      await store.get(4, loader({ recent: [entry(1, 'view', 10), entry(2, 'view', 20)], purchased: [9], disliked: [] }).load);
      await store.append(4, [entry(3, 'purchase', 30), entry(8, 'impression', 35), entry(4, 'dislike', 40)]);
      const never = loader({ recent: [], purchased: [], disliked: [] });
      const state = await store.get(4, never.load);
      expect(never.calls.n).toBe(0);
      expect(state.recent).toEqual([entry(2, 'view', 20), entry(3, 'purchase', 30), entry(4, 'dislike', 40)]);
      expect(sorted(state.purchased)).toEqual([3, 9]);
      expect(state.disliked).toEqual([4]);
      await store.append(4, [entry(3, 'purchase', 50)]);
      const again = await store.get(4, never.load);
      expect(sorted(again.purchased)).toEqual([3, 9]);
      expect(again.recent.map((e) => e.ts)).toEqual([30, 40, 50]);
    });

    it('trims a loaded state longer than the history length', async () => {
      const recent = [1, 2, 3, 4, 5].map((i) => entry(i, 'view', i));
      expect((await store.get(5, loader({ recent, purchased: [], disliked: [] }).load)).recent).toEqual(recent.slice(-3));
    });

    it('forgets a shopper: the next read loads again', async () => {
      const first = loader({ recent: [entry(1, 'view', 1)], purchased: [1], disliked: [] });
      await store.get(6, first.load);
      await store.forget(6);
      const second = loader({ recent: [], purchased: [], disliked: [] });
      expect(await store.get(6, second.load)).toEqual({ recent: [], purchased: [], disliked: [] });
      expect(second.calls.n).toBe(1);
    });

    it('keeps shoppers apart', async () => {
      await store.get(7, loader({ recent: [], purchased: [], disliked: [] }).load);
      await store.get(8, loader({ recent: [], purchased: [], disliked: [] }).load);
      await store.append(7, [entry(1, 'cart', 1)]);
      const none = loader({ recent: [], purchased: [], disliked: [] });
      expect((await store.get(7, none.load)).recent).toEqual([entry(1, 'cart', 1)]);
      expect((await store.get(8, none.load)).recent).toEqual([]);
    });
  });
}
