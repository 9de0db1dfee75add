import { ErrorCode, type EventInput, type ProductInput } from '@magpie/contracts';
import type { TestStore } from './testing';

/** A small catalogue exercising every filter. */
const CATALOGUE: ProductInput[] = [
  { id: 'serum', title: 'Rose Serum', brand: 'Aurora', categories: ['Beauty', 'Skin Care', 'Serums'], price: 30, stock: 5 },
  { id: 'cream', title: 'Night Cream', brand: 'aurora', categories: ['Beauty', 'Skin Care', 'Creams'], price: 45, stock: 0 },
  { id: 'lipstick', title: 'Red Lipstick', brand: 'Bloom', categories: ['Beauty', 'Makeup'], price: 12, stock: null },
  { id: 'kettle', title: 'Kettle', brand: 'Hearth', categories: ['Home', 'Kitchen'], price: 25, stock: 3 },
  { id: 'mug', title: 'Mug', brand: null, categories: ['Home', 'Kitchen', 'Mugs'], price: null, stock: null },
];

const externalIds = (items: { externalId: string }[]) => items.map((p) => p.externalId).sort();

async function collect<T>(pages: AsyncIterable<T[]>): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let count = 0;
  for await (const page of pages) {
    items.push(...page);
    count++;
  }
  return { items, pages: count };
}

/**
 * The behaviour every MagpieStore backend must show; run by one spec file per driver.
 * `factory` gives a fresh, empty store for each test.
 */
export function describeStoreContract(name: string, factory: () => Promise<TestStore>): void {
  describe(`MagpieStore contract: ${name}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await factory();
    });
    afterEach(async () => {
      await store?.dispose();
    });

    describe('products', () => {
      it('upsert creates, then updates by external id, reporting created vs updated', async () => {
        const first = await store.products.upsert(CATALOGUE.slice(0, 3));
        expect(first).toMatchObject({ created: 3, updated: 0 });
        expect(first.products.map((p) => p.externalId)).toEqual(['serum', 'cream', 'lipstick']);
        const serum = first.products[0];
        expect(serum).toMatchObject({ title: 'Rose Serum', brand: 'Aurora', price: 30, stock: 5, attributes: {} });
        expect(serum.categories).toEqual(['Beauty', 'Skin Care', 'Serums']);

        const second = await store.products.upsert([
          { ...CATALOGUE[0], title: 'Rose Serum v2', stock: 0, attributes: { volumeMl: 30 } },
          CATALOGUE[3],
          { ...CATALOGUE[1], price: 40 },
          { ...CATALOGUE[1], price: 41 }, // the last input of an id wins
        ]);
        expect(second).toMatchObject({ created: 1, updated: 2 });
        const [updated] = await store.products.byExternalIds(['serum']);
        expect(updated).toMatchObject({ id: serum.id, title: 'Rose Serum v2', stock: 0, attributes: { volumeMl: 30 } });
        expect(updated.createdAt.getTime()).toBe(serum.createdAt.getTime());
        expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(serum.updatedAt.getTime());
        expect((await store.products.byExternalIds(['cream']))[0].price).toBe(41);
        expect(await store.products.count()).toBe(4);
      });

      it('upserts a batch larger than the 65,535 bind-parameter limit in chunks', async () => {
        const many = Array.from({ length: 7_500 }, (_, i) => ({ id: `bulk-${i}`, title: `Item ${i}`, price: i }));
        expect(await store.products.upsert(many)).toMatchObject({ created: 7_500, updated: 0 });
        const again = await store.products.upsert(many.map((p) => ({ ...p, title: `${p.title}!` })));
        expect(again).toMatchObject({ created: 0, updated: 7_500 });
        expect(again.products[7_499]).toMatchObject({ externalId: 'bulk-7499', title: 'Item 7499!' });
        expect(await store.products.count()).toBe(7_500);
        const same = await store.products.upsert(many.slice(0, 10).map((p) => ({ ...p, title: `${p.title}!` })));
        expect(same).toMatchObject({ created: 0, updated: 0, unchanged: 10, products: [] });
      });

      it('lists with filters: category at any level (case-insensitive), brand, price, stock, exclusions', async () => {
        await store.products.upsert(CATALOGUE);
        const ids = async (filter: object) => {
          const page = await store.products.list({ filter, first: 100 });
          expect(page.totalCount).toBe(page.items.length);
          return externalIds(page.items);
        };
        expect(await ids({ category: 'beauty' })).toEqual(['cream', 'lipstick', 'serum']);
        expect(await ids({ category: 'SKIN CARE' })).toEqual(['cream', 'serum']);
        expect(await ids({ category: 'mugs' })).toEqual(['mug']);
        expect(await ids({ brand: 'AURORA' })).toEqual(['cream', 'serum']);
        expect(await ids({ priceMin: 25, priceMax: 40 })).toEqual(['kettle', 'serum']);
        expect(await ids({ inStock: true })).toEqual(['kettle', 'lipstick', 'mug', 'serum']);
        expect(await ids({ category: 'Beauty', inStock: true, excludeIds: ['serum'] })).toEqual(['lipstick']);
        expect(await ids({ category: 'Garden' })).toEqual([]);
      });

      it('keyset-paginates without gaps or duplicates and counts the whole filter', async () => {
        await store.products.upsert(
          Array.from({ length: 23 }, (_, i) => ({ id: `p${i}`, title: `P${i}`, categories: [i % 3 === 0 ? 'Odd' : 'Even'] })),
        );
        const seen: string[] = [];
        let after: number | undefined;
        let pages = 0;
        for (;;) {
          const page = await store.products.list({ filter: { category: 'even' }, first: 4, after });
          expect(page.totalCount).toBe(15);
          seen.push(...page.items.map((p) => p.externalId));
          pages++;
          if (!page.hasNextPage) break;
          after = page.items[page.items.length - 1].id;
        }
        expect(pages).toBe(4);
        expect(seen).toHaveLength(15);
        expect(new Set(seen).size).toBe(15);
        expect(seen.sort()).toEqual(
          Array.from({ length: 23 }, (_, i) => i).filter((i) => i % 3 !== 0).map((i) => `p${i}`).sort(),
        );
      });

      it('finds by ids in the order asked, scans in id order and reports changes since a time', async () => {
        const { products } = await store.products.upsert(CATALOGUE);
        const [serum, , , kettle] = products;
        expect((await store.products.byIds([kettle.id, 999_999, serum.id])).map((p) => p.externalId)).toEqual(['kettle', 'serum']);
        expect((await store.products.byExternalIds(['mug', 'nope', 'cream'])).map((p) => p.externalId)).toEqual(['mug', 'cream']);
        const scanned = await collect(store.products.scan(2));
        expect(scanned.pages).toBe(3);
        expect(scanned.items.map((p) => p.id)).toEqual([...products.map((p) => p.id)].sort((a, b) => a - b));

        const before = products.reduce((max, p) => Math.max(max, p.updatedAt.getTime()), 0);
        await new Promise((r) => setTimeout(r, 5));
        const clock = await store.products.clock(); // the clock updated_at is stamped with
        expect(clock.getTime()).toBeGreaterThan(before);
        await store.products.upsert([{ ...CATALOGUE[2], price: 13 }]);
        expect((await store.products.byExternalIds(['lipstick']))[0].updatedAt.getTime()).toBeGreaterThanOrEqual(clock.getTime());
        const lastId = Math.max(...products.map((p) => p.id));
        const changed = await store.products.versionsSince({ at: new Date(before), id: lastId }, 10);
        const [lipstick] = await store.products.byExternalIds(['lipstick']);
        expect(changed).toEqual([{ id: lipstick.id, updatedAt: lipstick.updatedAt }]);
        // Keyset pages over (updated_at, id) never skip or repeat rows that share a timestamp.
        const pages: string[] = [];
        let after = { at: new Date(0), id: 0 };
        for (;;) {
          const page = await store.products.versionsSince(after, 2);
          pages.push(...(await store.products.byIds(page.map((p) => p.id))).map((p) => p.externalId));
          if (page.length < 2) break;
          after = { at: page[1].updatedAt, id: page[1].id };
        }
        expect([...pages].sort()).toEqual(CATALOGUE.map((p) => p.id).sort());
      });
    });

    describe('events', () => {
      beforeEach(async () => {
        await store.products.upsert(CATALOGUE);
      });

      it('appends idempotently: a retried batch is a no-op and repeats are counted as duplicates', async () => {
        const batch: EventInput[] = [
          { eventId: 'e1', userId: 'alice', type: 'view', productId: 'serum', timestamp: 1_000 },
          { eventId: 'e2', userId: 'alice', type: 'cart', productId: 'serum', timestamp: 2_000 },
          { eventId: 'e2', userId: 'alice', type: 'cart', productId: 'serum', timestamp: 2_000 },
          { eventId: 'e3', userId: 'bob', type: 'view', productId: 'mug', timestamp: 1_500 },
          { userId: 'bob', type: 'view', query: 'mug' },
        ];
        const first = await store.events.append(batch);
        expect(first).toMatchObject({ accepted: 4, duplicates: 1 });
        expect(first.stored.map((s) => [s.entry.type, s.entry.ts])).toEqual([['view', 1_000], ['view', 1_500], ['cart', 2_000]]);
        const aliceId = await store.users.find('alice');
        expect(first.stored[0].userId).toBe(aliceId);

        const retry = await store.events.append(batch.slice(0, 4));
        expect(retry).toEqual({ accepted: 0, duplicates: 4, stored: [] });
        expect(await store.events.count()).toBe(4);
        expect(await store.users.count()).toBe(2);
      });

      it('rejects the whole batch when a product id is unknown, storing nothing', async () => {
        const attempt = store.events.append([
          { eventId: 'ok', userId: 'carol', type: 'view', productId: 'serum' },
          { eventId: 'bad', userId: 'dave', type: 'click', productId: 'ghost-1' },
          { userId: 'dave', type: 'click', productId: 'ghost-2' },
        ]);
        await expect(attempt).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('ghost-1') });
        await expect(attempt).rejects.toMatchObject({ message: expect.stringContaining('ghost-2') });
        expect(await store.events.count()).toBe(0);
        expect(await store.users.count()).toBe(0);
        // the rejected eventIds were not consumed
        expect(await store.events.append([{ eventId: 'ok', userId: 'carol', type: 'view', productId: 'serum' }])).toMatchObject({
          accepted: 1,
          duplicates: 0,
        });
      });

      it('returns where each stored item was shown (source, model version) for the feedback loop', async () => {
        const { stored } = await store.events.append([
          { userId: 'gina', type: 'impression', productId: 'mug', source: 'sequence', modelVersion: 'SEQUENCE:4', timestamp: 1_000 },
          { userId: 'gina', type: 'click', productId: 'mug', source: 'sequence', modelVersion: 'SEQUENCE:4', timestamp: 2_000 },
          { userId: 'gina', type: 'view', productId: 'serum', timestamp: 3_000 },
        ]);
        expect(stored.map((s) => [s.entry.type, s.source, s.modelVersion])).toEqual([
          ['impression', 'sequence', 'SEQUENCE:4'], ['click', 'sequence', 'SEQUENCE:4'], ['view', null, null],
        ]);
      });

      it('stamps events without a timestamp with the time of receipt', async () => {
        const before = Date.now();
        const { stored } = await store.events.append([{ userId: 'erin', type: 'click', productId: 'kettle' }]);
        expect(stored[0].entry.ts).toBeGreaterThanOrEqual(before);
        expect(stored[0].entry.ts).toBeLessThanOrEqual(Date.now());
      });

      it('gives the shopper state: recent product events newest last, impressions excluded, purchases and dislikes', async () => {
        await store.events.append([
          { userId: 'frank', type: 'view', productId: 'serum', timestamp: 1_000 },
          { userId: 'frank', type: 'impression', productId: 'mug', timestamp: 1_100 },
          { userId: 'frank', type: 'purchase', productId: 'serum', timestamp: 1_200 },
          { userId: 'frank', type: 'dislike', productId: 'kettle', timestamp: 1_300 },
          { userId: 'frank', type: 'view', query: 'cream', timestamp: 1_350 },
          { userId: 'frank', type: 'cart', productId: 'cream', timestamp: 1_400 },
          { userId: 'gina', type: 'purchase', productId: 'mug', timestamp: 1_500 },
        ]);
        const ids = new Map((await store.products.byExternalIds(['serum', 'kettle', 'cream'])).map((p) => [p.externalId, p.id]));
        const frank = (await store.users.find('frank')) as number;
        const state = await store.events.shopperState(frank, 3);
        expect(state.recent).toEqual([
          { productId: ids.get('serum'), type: 'purchase', ts: 1_200 },
          { productId: ids.get('kettle'), type: 'dislike', ts: 1_300 },
          { productId: ids.get('cream'), type: 'cart', ts: 1_400 },
        ]);
        expect(state.purchased).toEqual([ids.get('serum')]);
        expect(state.disliked).toEqual([ids.get('kettle')]);
        expect((await store.events.shopperState(frank, 100)).recent).toHaveLength(4);
      });

      it('scans training events in (user, time, id) order across keyset pages, complete and without impressions', async () => {
        const users = ['u-a', 'u-b', 'u-c', 'u-d'];
        const items = ['serum', 'cream', 'lipstick', 'kettle', 'mug'];
        const events: EventInput[] = [];
        for (let i = 0; i < 60; i++) {
          events.push({
            userId: users[(i * 7) % users.length],
            type: i % 5 === 0 ? 'impression' : 'view',
            productId: items[i % items.length],
            // repeated timestamps: ties are broken by id
            timestamp: 10_000 + ((i * 13) % 17) * 1_000,
          });
        }
        events.push({ userId: 'u-a', type: 'view', query: 'no product' });
        await store.events.append(events);
        const scanned = await collect(store.events.scanForTraining(7));
        expect(scanned.items).toHaveLength(48);
        expect(scanned.pages).toBe(7);
        expect(scanned.items.every((e) => e.type !== 'impression')).toBe(true);
        for (let i = 1; i < scanned.items.length; i++) {
          const [a, b] = [scanned.items[i - 1], scanned.items[i]];
          expect(a.userId < b.userId || (a.userId === b.userId && a.ts <= b.ts)).toBe(true);
        }
        const counted = new Map<number, number>();
        for (const e of scanned.items) counted.set(e.userId, (counted.get(e.userId) ?? 0) + 1);
        expect([...counted.values()].reduce((s, n) => s + n, 0)).toBe(48);
        expect(counted.size).toBe(4);
        // A user-id range (a shard): the same events of those shoppers only, paged the same way.
        const [, second, third] = [...counted.keys()];
        const ranged = await collect(store.events.scanForTraining(5, { from: second, to: third }));
        expect(ranged.items).toEqual(scanned.items.filter((e) => e.userId >= second && e.userId <= third));
        expect(ranged.items.length).toBe(counted.get(second)! + counted.get(third)!);
        expect(await store.events.countSince(new Date(10_000 + 16_000))).toBe(
          events.filter((e) => e.productId && e.type !== 'impression' && (e.timestamp ?? 0) >= 26_000).length,
        );
      });
      it('sums search acts per (lower-cased query, product) for the item encoder, heaviest first', async () => {
        await store.products.upsert([{ id: 'drill', title: 'Cordless drill' }, { id: 'saw', title: 'Mitre saw' }]);
        await store.events.append([
          { userId: 'u-a', type: 'click', productId: 'drill', query: 'Drill' },
          { userId: 'u-b', type: 'purchase', productId: 'drill', query: 'drill' },
          { userId: 'u-b', type: 'cart', productId: 'saw', query: 'saw' },
          { userId: 'u-c', type: 'view', productId: 'saw', query: 'saw' },
          { userId: 'u-c', type: 'click', productId: 'saw' },
          { userId: 'u-c', type: 'dislike', productId: 'drill', query: 'drill' },
        ]);
        const [drill, saw] = await store.products.byExternalIds(['drill', 'saw']);
        expect(await store.events.searchPairs(10)).toEqual([
          { query: 'drill', productId: drill.id, weight: 4 },
          { query: 'saw', productId: saw.id, weight: 2 },
        ]);
        expect(await store.events.searchPairs(1)).toHaveLength(1);
      });
    });

    describe('model versions and artifacts', () => {
      it('activating a version retires the previous active one of that kind, atomically', async () => {
        const v1 = await store.versions.create({ kind: 'SEQUENCE', config: { d: 64 }, jobId: 'job-1' });
        expect(v1).toMatchObject({ status: 'training', config: { d: 64 }, jobId: 'job-1', promotedAt: null });
        await store.versions.complete(v1.id, { metrics: { ndcg10: 0.12 }, artifactId: null });
        const v2 = await store.versions.create({ kind: 'SEQUENCE', config: { d: 128 } });
        await store.versions.complete(v2.id, { metrics: { ndcg10: 0.15 }, artifactId: null });
        const stats = await store.versions.create({ kind: 'STATS', config: {} });
        await store.versions.complete(stats.id, { metrics: {}, artifactId: null });
        await store.versions.activate(stats.id);

        const a1 = await store.versions.activate(v1.id);
        expect(a1.status).toBe('active');
        expect(a1.promotedAt).toBeInstanceOf(Date);
        const a2 = await store.versions.activate(v2.id);
        expect(a2).toMatchObject({ id: v2.id, status: 'active', metrics: { ndcg10: 0.15 } });
        expect((await store.versions.byId(v1.id))?.status).toBe('retired');
        expect((await store.versions.active('SEQUENCE'))?.id).toBe(v2.id);
        expect((await store.versions.active('STATS'))?.id).toBe(stats.id);

        // rollback: the previous version is the retired one promoted last, and it can be re-activated
        expect((await store.versions.previous('SEQUENCE'))?.id).toBe(v1.id);
        expect(await store.versions.previous('STATS')).toBeNull();
        await store.versions.activate(v1.id);
        expect((await store.versions.previous('SEQUENCE'))?.id).toBe(v2.id);
        expect((await store.versions.active('SEQUENCE'))?.id).toBe(v1.id);
        expect((await store.versions.byId(v2.id))?.status).toBe('retired');
        expect((await store.versions.list({ kind: 'SEQUENCE', status: 'active', first: 10 })).map((v) => v.id)).toEqual([v1.id]);
      });

      it('refuses to activate a failed or unknown version and lists newest first', async () => {
        const bad = await store.versions.create({ kind: 'LONGTAIL', config: {} });
        await store.versions.fail(bad.id, 'diverged');
        expect((await store.versions.byId(bad.id))?.status).toBe('failed');
        await expect(store.versions.activate(bad.id)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
        await expect(store.versions.activate(999_999)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
        expect(await store.versions.active('LONGTAIL')).toBeNull();
        const later = await store.versions.create({ kind: 'LONGTAIL', config: {} });
        const other = await store.versions.create({ kind: 'STATS', config: {} });
        expect((await store.versions.list({ first: 10 })).map((v) => v.id)).toEqual([other.id, later.id, bad.id]);
        expect((await store.versions.list({ kind: 'LONGTAIL', first: 1 })).map((v) => v.id)).toEqual([later.id]);
      });

      it('round-trips artifact bytes exactly', async () => {
        const everyByte = Uint8Array.from({ length: 256 }, (_, i) => i);
        const big = new Uint8Array(1 << 20);
        for (let i = 0; i < big.length; i++) big[i] = (i * 2_654_435_761) >>> 24;
        const offsetView = new Uint8Array(big.buffer, 10, 100);
        const ids = [
          await store.artifacts.save('every-byte', everyByte, { format: 'raw' }),
          await store.artifacts.save('big', big),
          await store.artifacts.save('view', offsetView),
          await store.artifacts.save('empty', new Uint8Array(0)),
        ];
        const loaded = await Promise.all(ids.map((id) => store.artifacts.load(id)));
        expect(loaded[0]).toEqual(everyByte);
        expect(Buffer.compare(loaded[1], big)).toBe(0);
        expect(loaded[2]).toEqual(Uint8Array.from(offsetView));
        expect(loaded[3]).toHaveLength(0);
        expect(loaded[0]).toBeInstanceOf(Uint8Array);
        await expect(store.artifacts.load(999_999)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
        const v = await store.versions.create({ kind: 'SEQUENCE', config: {} });
        expect((await store.versions.complete(v.id, { metrics: { hr10: 0.3 }, artifactId: ids[1] })).artifactId).toBe(ids[1]);
        const w = await store.versions.create({ kind: 'SEQUENCE', config: { dim: 8 } });
        const done = await store.versions.complete(w.id, { metrics: { hr10: 0.2 }, artifactId: null, config: { backend: 'wasm' } });
        expect(done.config).toEqual({ dim: 8, backend: 'wasm' });
        // record: results kept, the version still training and so not promotable until completed.
        const x = await store.versions.create({ kind: 'LONGTAIL', config: { perUser: 5 } });
        const recorded = await store.versions.record(x.id, { metrics: { users: 3 }, artifactId: ids[0], config: { ranges: [] } });
        expect(recorded).toMatchObject({ status: 'training', artifactId: ids[0], metrics: { users: 3 }, config: { perUser: 5, ranges: [] } });
        await expect(store.versions.activate(x.id)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
        expect((await store.versions.complete(x.id, { metrics: { users: 3, candidates: 9 }, artifactId: ids[0] })).status).toBe('ready');
      });
    });

    describe('long-tail candidates and privacy', () => {
      let products: number[];
      let users: Map<string, number>;
      beforeEach(async () => {
        products = (await store.products.upsert(CATALOGUE)).products.map((p) => p.id);
        users = await store.users.ensure(['ann', 'ben', 'cat']);
      });

      it('replace is idempotent per (version, users) and leaves other users and versions alone', async () => {
        const [ann, ben, cat] = ['ann', 'ben', 'cat'].map((u) => users.get(u) as number);
        const rows = [
          { userId: ann, productId: products[0], score: 0.5 },
          { userId: ann, productId: products[1], score: 0.9 },
          { userId: ben, productId: products[2], score: 0.7 },
        ];
        await store.longtail.replace(1, [ann, ben], rows);
        await store.longtail.replace(1, [ann, ben], rows);
        await store.longtail.replace(2, [cat], [{ userId: cat, productId: products[3], score: 0.1 }]);
        expect(await store.longtail.countForVersion(1)).toBe(3);
        expect(await store.longtail.countForVersion(2)).toBe(1);
        expect((await store.longtail.forUser(ann, 1, 10)).map((c) => c.productId)).toEqual([products[1], products[0]]);
        expect((await store.longtail.forUser(ann, 1, 1))[0].score).toBeCloseTo(0.9, 5);

        // a shard re-run for ann with fewer rows: ann's rows replaced, ben's untouched
        await store.longtail.replace(1, [ann], [{ userId: ann, productId: products[4], score: 0.3 }]);
        expect(await store.longtail.forUser(ann, 1, 10)).toEqual([{ userId: ann, productId: products[4], score: expect.closeTo(0.3, 5) }]);
        expect(await store.longtail.forUser(ben, 1, 10)).toHaveLength(1);
        expect(await store.longtail.countForVersion(1)).toBe(2);
      });

      it('forgetUser deletes that user\'s events, candidates and row, and nothing of anyone else', async () => {
        await store.events.append([
          { userId: 'ann', type: 'view', productId: 'serum' },
          { userId: 'ann', type: 'purchase', productId: 'serum' },
          { userId: 'ann', type: 'view', query: 'serum' },
          { userId: 'ben', type: 'view', productId: 'mug' },
        ]);
        const ann = users.get('ann') as number;
        const ben = users.get('ben') as number;
        await store.longtail.replace(1, [ann, ben], [
          { userId: ann, productId: products[1], score: 1 },
          { userId: ann, productId: products[2], score: 1 },
          { userId: ben, productId: products[3], score: 1 },
        ]);
        expect(await store.privacy.forgetUser('ann')).toEqual({ events: 3, candidates: 2, userId: ann });
        expect(await store.users.find('ann')).toBeNull();
        expect(await store.events.count()).toBe(1);
        expect(await store.longtail.countForVersion(1)).toBe(1);
        expect((await store.events.shopperState(ben, 10)).recent).toHaveLength(1);
        expect(await store.users.externalIds([ann, ben])).toEqual(new Map([[ben, 'ben']]));
        expect(await store.privacy.forgetUser('ann')).toEqual({ events: 0, candidates: 0, userId: null });
        expect(await store.products.count()).toBe(CATALOGUE.length);
      });
    });

    it('answers ping and reports its driver', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
      expect(['postgres', 'pglite']).toContain(store.driver);
    });
  });
}
