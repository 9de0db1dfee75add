import type { RunningGateway } from '@magpie/api';
import { loadConfig, type MagpieConfig } from '@magpie/config';
import { generateShop } from '@magpie/datasets';
import { createRuntime, type Runtime } from './create-runtime';
import { importBundle } from '@magpie/jobs';
import { serveGateway } from './serve-gateway';
import { graphqlCaller, SILENT_LOGGER } from './testing/graphql-caller';

const ADMIN = 'admin-key-seq-0001';
const APP = 'app-key-seq-0001';

interface Item { source: string; reason: string; product: { id: string } }

/** A tiny real model: few items, 2 epochs, d 16, one block (seconds to train). */
const TINY = { epochs: 2, patience: 1, dim: 16, maxLen: 10 };

/**
 * The sequence model's life in a deployment: retrain → quality gate → hot swap in every gateway
 * (no restart) → rollback, and real-time serving: the very next `recommendations` call after
 * `recordEvents` reads the new item, and products the model never saw are ignored. Runs against
 * each deployment shape (`setup` returns its config; `gateways` = how many gateway runtimes share it).
 */
export function describeSequenceLifecycle(
  name: string,
  setup: () => Promise<{ config: Partial<MagpieConfig>; gateways: number; teardown(): Promise<void> }>,
) {
  describe(`sequence model lifecycle and real-time serving (${name})`, () => {
    const shop = generateShop({ products: 60, users: 70, seed: 21, meanSessionsPerUser: 3 });
    const runtimes: Runtime[] = [];
    let gateway: RunningGateway;
    let teardown: () => Promise<void>;

    const gql = graphqlCaller(() => gateway.url, ADMIN);
    const recommend = async (user: string, first = 10) =>
      (await gql<{ recommendations: Item[] }>(`query($u: ID!) { recommendations(userId: $u, first: $f) { source reason product { id } } }`.replace('$f', String(first)), { u: user }, APP)).data!.recommendations;
    const view = (user: string, product: string, n: number) =>
      gql(`mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }`, { e: [{ eventId: `${user}-${n}`, userId: user, type: 'VIEW', productId: product, timestamp: Date.UTC(2026, 10, 2) + n }] }, APP);
    const waitFor = async (what: string, probe: () => boolean | Promise<boolean>, ms = 60_000) => {
      const deadline = Date.now() + ms;
      while (!(await probe())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    const trainSequence = async (options: Record<string, unknown>) => {
      const job = await runtimes[0].queue.enqueue('training', 'train-sequence', options, { attempts: 1 });
      const done = await runtimes[0].queue.waitFor(job.id, 120_000);
      if (done.state !== 'completed') throw new Error(`train-sequence ${done.state}: ${done.failedReason}`);
      return done.result as { versionId: number; activated: boolean; comparedWith: number | null; metrics: Record<string, number> };
    };
    const allServe = (versionId: number) => waitFor(`every gateway to serve SEQUENCE ${versionId}`, () => runtimes.every((r) => r.models.versions()['SEQUENCE'] === versionId));

    beforeAll(async () => {
      const env = await setup();
      teardown = env.teardown;
      const base = loadConfig({}, { logLevel: 'warn' });
      const config = {
        ...base, ...env.config, gateway: { ...base.gateway, port: 0, appKeys: [APP], adminKeys: [ADMIN], catalogRefreshMs: 60_000 },
      } as MagpieConfig;
      for (let i = 0; i < env.gateways; i++) runtimes.push(await createRuntime(config, { workers: i === 0 }));
      await importBundle(runtimes[0].store, shop);
      for (const r of runtimes) await r.catalog.refresh();
      const stats = await runtimes[0].services.jobs.retrain('STATS');
      await runtimes[0].queue.waitFor(stats.id, 60_000);
      gateway = await serveGateway(runtimes[runtimes.length - 1], { config: config.gateway, logger: SILENT_LOGGER });
    }, 120_000);

    afterAll(async () => {
      await gateway?.stop();
      for (const r of runtimes) await r.close();
      await teardown?.();
    });

    let v1: number;
    let v2: number;

    it('retrain(kind: SEQUENCE, options) trains in a worker thread; the first version passes the gate and every gateway serves it', async () => {
      const bad = await gql(`mutation { retrain(kind: SEQUENCE, options: { epochs: 0 }) { id } }`);
      expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const { data } = await gql<{ retrain: { id: string; name: string } }>(`mutation($o: JSON) { retrain(kind: SEQUENCE, options: $o) { id name } }`, { o: TINY });
      expect(data!.retrain.name).toBe('train-sequence');
      const done = await runtimes[0].queue.waitFor(data!.retrain.id, 120_000);
      expect(done.state).toBe('completed');
      const first = done.result as { versionId: number; activated: boolean; metrics: Record<string, number> };
      expect(first.activated).toBe(true);
      v1 = first.versionId;
      await allServe(v1);
      const versions = await gql<{ modelVersions: Array<{ id: string; status: string; metrics: Record<string, number>; config: { backend?: string }; promotedAt: string | null }> }>(
        `{ modelVersions(kind: SEQUENCE) { id status metrics config promotedAt } }`,
      );
      const row = versions.data!.modelVersions.find((v) => v.id === String(v1))!;
      expect(row).toMatchObject({ status: 'ACTIVE' });
      expect(row.promotedAt).not.toBeNull();
      expect(row.metrics['valid ndcg@10']).toBeGreaterThan(0);
      expect(['wasm', 'cpu', 'tensorflow']).toContain(row.config.backend);
      const shopper = shop.events[0].userId;
      const items = await recommend(shopper);
      expect(items[0].source).toBe('SEQUENCE');
      expect(items[0].reason).toMatch(/^Because you (viewed|bought) “/);
    }, 180_000);

    it('keeps a version that does not beat the active one on validation NDCG@10 ready; promoteModel hot-swaps it in', async () => {
      const active = (await runtimes[0].store.versions.active('SEQUENCE'))!;
      const second = await trainSequence({ ...TINY, epochs: 1 });
      v2 = second.versionId;
      expect(second.comparedWith).toBe(v1);
      expect(second.activated).toBe(second.metrics['valid ndcg@10'] > active.metrics['valid ndcg@10']);
      if (!second.activated) {
        expect((await runtimes[0].store.versions.byId(v2))!.status).toBe('ready');
        expect(runtimes.every((r) => r.models.versions()['SEQUENCE'] === v1)).toBe(true);
      }
      const promoted = await gql<{ promoteModel: { id: string; status: string } }>(`mutation($id: ID!) { promoteModel(id: $id) { id status } }`, { id: String(v2) });
      expect(promoted.data!.promoteModel).toEqual({ id: String(v2), status: 'ACTIVE' });
      await allServe(v2);
      expect((await recommend(shop.events[0].userId))[0].source).toBe('SEQUENCE');
    }, 180_000);

    it('rollbackModel brings the previous version back in every gateway; NOT_FOUND when there is none', async () => {
      const back = await gql<{ rollbackModel: { id: string; status: string } }>(`mutation { rollbackModel(kind: SEQUENCE) { id status } }`);
      expect(back.data!.rollbackModel).toEqual({ id: String(v1), status: 'ACTIVE' });
      await allServe(v1);
      expect((await runtimes[0].store.versions.byId(v2))!.status).toBe('retired');
      const none = await gql(`mutation { rollbackModel(kind: ITEM_ENCODER) { id } }`);
      expect(none.errors![0].extensions!.code).toBe('NOT_FOUND');
      const failed = await gql(`mutation { promoteModel(id: "999999") { id } }`);
      expect(failed.errors![0].extensions!.code).toBe('NOT_FOUND');
    }, 60_000);

    it('reads the newest event in the very next call: the model input and the ranking change as the history changes', async () => {
      const serving = runtimes[runtimes.length - 1].models.sequence()!;
      const rank = jest.spyOn(serving, 'rank');
      const shopper = 'seq-fresh-shopper';
      const [a, b, c] = [shop.products[3].id, shop.products[30].id, shop.products[55].id];
      const internal = async (ext: string) => (await runtimes[0].store.products.byExternalIds([ext]))[0].id;
      await view(shopper, a, 1);
      const afterA = await recommend(shopper, 20);
      expect(rank.mock.calls.at(-1)![0].map((h) => h.productId)).toEqual([await internal(a)]);
      await view(shopper, b, 2);
      const afterB = await recommend(shopper, 20);
      expect(rank.mock.calls.at(-1)![0].map((h) => h.productId)).toEqual([await internal(a), await internal(b)]);
      await view(shopper, c, 3);
      const afterC = await recommend(shopper, 20);
      for (const list of [afterA, afterB, afterC]) expect(list.filter((i) => i.source === 'SEQUENCE').length).toBeGreaterThan(0);
      const ids = (list: Item[]) => list.map((i) => i.product.id).join(' ');
      expect(new Set([ids(afterA), ids(afterB), ids(afterC)]).size).toBe(3);
      expect(ids(afterC)).not.toMatch(new RegExp(`\\b(${a}|${b}|${c})\\b`));
      rank.mockRestore();
    }, 60_000);

    it('ignores products the model never saw, in any position of the history', async () => {
      const fresh = 'brand-new-product-1';
      await gql(`mutation { upsertProducts(products: [{ id: "${fresh}", title: "Brand new thing" }]) { created } }`);
      const shopper = 'seq-unknown-shopper';
      await view(shopper, fresh, 1);
      const onlyUnknown = await recommend(shopper);
      expect(onlyUnknown.length).toBeGreaterThan(0);
      expect(onlyUnknown.some((i) => i.source === 'SEQUENCE')).toBe(false);
      await view(shopper, shop.products[10].id, 2);
      const mixed = await recommend(shopper);
      expect(mixed.some((i) => i.source === 'SEQUENCE')).toBe(true);
      expect(mixed.map((i) => i.product.id)).not.toContain(fresh);
    }, 60_000);
  });
}
