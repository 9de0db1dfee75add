import type { Product } from '@magpie/contracts';
import type { ProductRepository } from '@magpie/data';
import { CatalogCache } from './catalog-cache';

const product = (id: number, updatedAt: number, title = `p${id}`): Product => ({
  id, externalId: `ext-${id}`, title, description: null, brand: null, categories: [], price: null, stock: null,
  imageUrl: null, attributes: {}, createdAt: new Date(0), updatedAt: new Date(updatedAt),
});

/**
 * A fake repository over an array, with the real ordering contracts of scan and versionsSince; counts the rows
 * fetched and the versions read; its clock reads `time.now` (ms).
 */
const fakeRepository = (
  rows: Product[],
  fetched: number[] = [],
  time = { now: 100_000 },
  versionsRead: number[] = [],
): Pick<ProductRepository, 'scan' | 'versionsSince' | 'byIds' | 'clock'> => ({
  async clock() {
    return new Date(time.now);
  },
  async *scan(batchSize = 2) {
    const sorted = [...rows].sort((a, b) => a.id - b.id);
    for (let i = 0; i < sorted.length; i += batchSize) yield sorted.slice(i, i + batchSize);
  },
  async versionsSince(after, limit) {
    return rows
      .filter((p) => +p.updatedAt > +after.at || (+p.updatedAt === +after.at && p.id > after.id))
      .sort((a, b) => +a.updatedAt - +b.updatedAt || a.id - b.id)
      .slice(0, limit)
      .map((p) => {
        versionsRead.push(p.id);
        return { id: p.id, updatedAt: p.updatedAt };
      });
  },
  async byIds(ids) {
    fetched.push(...ids);
    return ids.flatMap((id) => rows.filter((p) => p.id === id));
  },
});

describe('CatalogCache', () => {
  it('loads the whole catalogue and answers by internal and external id', async () => {
    const cache = new CatalogCache(fakeRepository([product(1, 10), product(2, 20), product(3, 30)]));
    expect(await cache.load()).toBe(3);
    expect(cache.byId(2)?.externalId).toBe('ext-2');
    expect(cache.byExternalId('ext-3')?.id).toBe(3);
  });

  it('finds products by id whether the id is small (array) or huge (map), and nothing for unknown ids', async () => {
    const cache = new CatalogCache(fakeRepository([product(5, 10), product(2 ** 40, 20), product(9_000_000, 30)]));
    await cache.load();
    expect([5, 2 ** 40, 9_000_000].map((id) => cache.byId(id)?.externalId)).toEqual(['ext-5', `ext-${2 ** 40}`, 'ext-9000000']);
    expect([0, 4, 6, -1, 2.5, 2 ** 41].map((id) => cache.byId(id))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  it('picks up changes made elsewhere and tells listeners only about those', async () => {
    const rows = [product(1, 10_000), product(2, 20_000)];
    const cache = new CatalogCache(fakeRepository(rows));
    await cache.load();
    const heard: number[][] = [];
    cache.onChange((changed) => heard.push(changed.map((p) => p.id)));
    rows[0] = product(1, 30_000, 'renamed');
    rows.push(product(3, 31_000));
    expect(await cache.refresh()).toBe(2);
    expect(cache.byId(1)?.title).toBe('renamed');
    expect(cache.size).toBe(3);
    expect(heard).toEqual([[1, 3]]);
    expect(await cache.refresh()).toBe(0);
  });

  it('re-checks the last second by versions only: rows it holds in that version are not fetched again', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => product(i + 1, 60_000 + i)); // all within the re-read second
    const fetched: number[] = [];
    const cache = new CatalogCache(fakeRepository(rows, fetched, { now: 60_100 }));
    await cache.load();
    expect(await cache.refresh()).toBe(0);
    expect(fetched).toEqual([]);
    rows[7] = product(8, 60_500, 'changed');
    expect(await cache.refresh()).toBe(1);
    expect(fetched).toEqual([8]);
    expect(cache.byId(8)?.title).toBe('changed');
  });

  it('re-reads only the second before the database clock of its last read: an old bulk import is not read again at every poll', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => product(i + 1, 60_000)); // one import, one stamp
    const time = { now: 60_200 };
    const versionsRead: number[] = [];
    const cache = new CatalogCache(fakeRepository(rows, [], time, versionsRead));
    await cache.load();
    await cache.refresh(); // its last read began 200 ms after the import: the import's second is checked again
    expect(versionsRead).toHaveLength(50);
    time.now = 65_000;
    await cache.refresh(); // still checks from 59_200, the second before the previous read
    expect(versionsRead).toHaveLength(100);
    time.now = 70_000;
    versionsRead.length = 0;
    expect(await cache.refresh()).toBe(0); // from 64_000: past the import, nothing to read
    expect(versionsRead).toEqual([]);
    rows.push(product(51, 70_000), product(7, 70_000, 'changed'));
    rows[6] = rows.pop() as Product;
    time.now = 70_400;
    expect(await cache.refresh()).toBe(2);
    expect(versionsRead.sort((a, b) => a - b)).toEqual([7, 51]);
    expect(cache.byId(7)?.title).toBe('changed');
  });

  it('pages through many changes, also when they share one timestamp', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => product(i + 1, 1000 * (i + 1)));
    rows.push(...Array.from({ length: 30 }, (_, i) => product(100 + i, 50_000)));
    const cache = new CatalogCache(fakeRepository(rows));
    expect(await cache.refresh(10)).toBe(55);
    expect(cache.size).toBe(55);
  });

  it('answers availability and leaf category from its arrays as from the products, small and huge ids alike, and follows changes', async () => {
    const shaped = (id: number, stock: number | null, categories: string[]): Product => ({ ...product(id, 10), stock, categories });
    const cache = new CatalogCache(fakeRepository([shaped(3, 5, ['Home', 'Lamps']), shaped(4, 0, ['Home', 'Lamps']), shaped(2 ** 40, null, ['Garden']), shaped(7, null, [])]));
    await cache.load();
    expect([3, 4, 2 ** 40, 7, 5, 9_000_000, -1].map((id) => cache.isAvailable(id))).toEqual([true, false, true, true, false, false, false]);
    const [lamps, garden] = [cache.leafCategory(3), cache.leafCategory(2 ** 40)];
    expect(lamps).toBeGreaterThanOrEqual(0);
    expect(garden).toBeGreaterThanOrEqual(0);
    expect(garden).not.toBe(lamps);
    expect([4, 7, 5, 2 ** 41].map((id) => cache.leafCategory(id))).toEqual([lamps, -1, -1, -1]);
    cache.apply([shaped(3, 0, ['Garden']), shaped(5000, 1, ['Home', 'Lamps'])]);
    expect([cache.isAvailable(3), cache.leafCategory(3), cache.isAvailable(5000), cache.leafCategory(5000)]).toEqual([false, garden, true, lamps]);
  });
});
