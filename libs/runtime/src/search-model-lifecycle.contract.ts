import type { RunningGateway } from '@magpie/api';
import { loadConfig, type MagpieConfig } from '@magpie/config';
import { generateShop } from '@magpie/datasets';
import { createRuntime, type Runtime } from './create-runtime';
import { importBundle } from '@magpie/jobs';
import { serveGateway } from './serve-gateway';
import { graphqlCaller, SILENT_LOGGER } from './testing/graphql-caller';

const ADMIN = 'admin-key-search-0001';
const APP = 'app-key-search-0001';

interface Hit { retrievedBy: string[]; product: { id: string; title: string } }

/**
 * The item encoder's life in a deployment: search events → retrain(ITEM_ENCODER) → a version with
 * metrics, activated → every gateway rebuilds search around it without a restart (hits now also come
 * from semantic retrieval, similar items from content) → a forced newer version replaces it. Runs
 * against each deployment shape (`setup` returns its config; `gateways` = how many runtimes share it;
 * the HTTP gateway is the last, so with two its promotions travel over Redis pub/sub).
 */
export function describeSearchModelLifecycle(
  name: string,
  setup: () => Promise<{ config: Partial<MagpieConfig>; gateways: number; teardown(): Promise<void> }>,
) {
  describe(`search model lifecycle (${name})`, () => {
    const shop = generateShop({ products: 80, users: 20, seed: 5, meanSessionsPerUser: 1 });
    const runtimes: Runtime[] = [];
    let runtime: Runtime;
    let gateway: RunningGateway;
    let teardown: () => Promise<void>;

    const gql = graphqlCaller(() => gateway.url, APP);
    const search = async (q: string) => (await gql<{ search: { hits: Hit[] } }>('query($q: String!) { search(query: $q, first: 10) { hits { retrievedBy product { id title } } } }', { q }, APP)).data!.search.hits;
    const train = async (options: Record<string, unknown>) => {
      const job = await runtimes[0].queue.enqueue('training', 'train-item-encoder', options, { attempts: 1 });
      const done = await runtimes[0].queue.waitFor(job.id, 120_000);
      if (done.state !== 'completed') throw new Error(`train-item-encoder ${done.state}: ${done.failedReason}`);
      return done.result as { versionId: number; activated: boolean; metrics: Record<string, number> };
    };

    const servedVersion = async (versionId: number) => {
      const deadline = Date.now() + 60_000;
      while (runtimes.some((r) => r.search.versionId !== versionId)) {
        if (Date.now() > deadline) throw new Error(`search never served ITEM_ENCODER ${versionId}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    beforeAll(async () => {
      const env = await setup();
      teardown = env.teardown;
      const base = loadConfig({}, { logLevel: 'warn' });
      const config = { ...base, ...env.config, gateway: { ...base.gateway, port: 0, appKeys: [APP], adminKeys: [ADMIN], catalogRefreshMs: 60_000 } } as MagpieConfig;
      for (let i = 0; i < env.gateways; i++) runtimes.push(await createRuntime(config, { workers: i === 0 }));
      runtime = runtimes[runtimes.length - 1];
      await importBundle(runtime.store, { ...shop, events: [] });
      for (const r of runtimes) await r.catalog.refresh();
      // Shoppers searched with the first word of a product's title and clicked or bought it.
      const products = shop.products.slice(0, 30);
      await runtime.store.events.append(
        products.flatMap((p, i) => [
          { userId: `s${i}`, type: 'click' as const, productId: p.id, query: p.title.split(' ').slice(0, 2).join(' ') },
          { userId: `t${i}`, type: 'purchase' as const, productId: p.id, query: p.title.split(' ').slice(-2).join(' ') },
        ]),
      );
      gateway = await serveGateway(runtime, { config: config.gateway, logger: SILENT_LOGGER });
    }, 120_000);

    afterAll(async () => {
      await gateway?.stop();
      for (const r of runtimes) await r.close();
      await teardown?.();
    });

    it('serves keyword search until an item encoder is active, then hybrid search and content neighbours, and swaps to a newer version', async () => {
      const query = shop.products[3].title;
      expect((await search(query)).every((h) => h.retrievedBy.join() === 'keyword')).toBe(true);
      expect(runtime.models.versions()['ITEM_ENCODER']).toBeNull();

      const first = await train({ epochs: 3 });
      expect(first.activated).toBe(true);
      expect(first.metrics).toMatchObject({ products: 80, pairs: 60, epochs: 3 });
      await servedVersion(first.versionId);
      expect(runtime.models.versions()['ITEM_ENCODER']).toBe(first.versionId);
      // No statistics were trained and no one touched these products: similar items come from content alone.
      const similar = (await gql<{ similarItems: Array<{ source: string }> }>('query($p: ID!) { similarItems(productId: $p, first: 3) { source } }', { p: shop.products[3].id }, APP)).data?.similarItems;
      expect(similar?.length).toBe(3);
      const hits = await search(query);
      expect(hits.some((h) => h.retrievedBy.includes('semantic'))).toBe(true);
      expect(hits[0].product.title).toBe(query);

      const second = await train({ epochs: 2, force: true });
      expect(second.activated).toBe(true);
      await servedVersion(second.versionId);
      const versions = (await gql<{ modelVersions: Array<{ id: string; status: string }> }>('{ modelVersions(kind: ITEM_ENCODER) { id status } }', {}, ADMIN)).data?.modelVersions;
      expect(versions?.map((v) => v.status).sort()).toEqual(['ACTIVE', 'RETIRED']);
    }, 180_000);
  });
}
