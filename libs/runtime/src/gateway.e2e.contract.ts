import type { RunningGateway } from '@magpie/api';
import type { MagpieConfig } from '@magpie/config';
import { generateShop } from '@magpie/datasets';
import type { Runtime } from './create-runtime';
import { graphqlCaller } from './testing/graphql-caller';
import { startShopGateway } from './testing/shop-gateway';

const APP = 'app-key-e2e-0001';
const ADMIN = 'admin-key-e2e-0001';


/**
 * The whole path, front end → GraphQL over HTTP → services → database/queue → worker → back,
 * run once per deployment shape (PostgreSQL + Redis + BullMQ workers, and embedded PGlite + inline jobs).
 */
export function describeGatewayEndToEnd(name: string, setup: () => Promise<{ config: Partial<MagpieConfig>; teardown(): Promise<void> }>) {
  describe(`gateway end to end (${name})`, () => {
    let runtime: Runtime;
    let gateway: RunningGateway;
    let stop: (() => Promise<void>) | undefined;
    const shop = generateShop({ products: 300, users: 80, seed: 7 });

    const gql = graphqlCaller(() => gateway.url, APP);
    const recommend = async (user: string) =>
      (await gql<{ recommendations: Array<{ source: string; reason: string; product: { id: string } }> }>(
        `query($u: ID!) { recommendations(userId: $u, first: 10) { source reason product { id } } }`, { u: user },
      )).data!.recommendations;

    const waitForJob = async (id: string) => {
      const seen: number[] = [];
      for (let i = 0; i < 300; i++) {
        const { data } = await gql<{ job: { state: string; progress: { fraction: number } } }>(
          `query($id: ID!) { job(id: $id) { state progress { fraction } } }`, { id }, ADMIN,
        );
        seen.push(data!.job.progress.fraction);
        if (data!.job.state === 'COMPLETED' || data!.job.state === 'FAILED') return { state: data!.job.state, seen };
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`job ${id} did not finish`);
    };

    beforeAll(async () => {
      ({ runtime, gateway, stop } = await startShopGateway(await setup(), shop, { appKey: APP, adminKey: ADMIN }));
    }, 120_000);

    afterAll(async () => {
      await stop?.();
    });

    it('retrain returns a job that completes with progress, and its statistics are served', async () => {
      const { data } = await gql<{ retrain: { id: string; state: string } }>(`mutation { retrain(kind: STATS) { id state } }`, {}, ADMIN);
      const done = await waitForJob(data!.retrain.id);
      expect(done.state).toBe('COMPLETED');
      expect(done.seen[done.seen.length - 1]).toBe(1);
      for (let i = 0; i < 50 && runtime.models.versions()['STATS'] === null; i++) await new Promise((r) => setTimeout(r, 100));
      const versions = await gql<{ modelVersions: Array<{ kind: string; status: string; metrics: Record<string, number> }> }>(
        `{ modelVersions(kind: STATS) { kind status metrics } }`, {}, ADMIN,
      );
      expect(versions.data!.modelVersions[0]).toMatchObject({ kind: 'STATS', status: 'ACTIVE' });
      expect(versions.data!.modelVersions[0].metrics['events']).toBeGreaterThan(1000);
      const popular = await recommend('shopper-nobody-knows');
      expect(popular.length).toBe(10);
      expect(popular.every((r) => r.source === 'POPULAR')).toBe(true);
    }, 60_000);

    it('reflects recorded events in the very next recommendations call', async () => {
      const shopper = 'e2e-fresh-shopper';
      const first = await recommend(shopper);
      expect(first.every((r) => r.source === 'POPULAR')).toBe(true);
      // The item with the most co-occurrence neighbours gives the clearest signal.
      const anchor = shop.products[1].id;
      const record = await gql<{ recordEvents: { accepted: number; duplicates: number } }>(
        `mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted duplicates } }`,
        { e: [{ eventId: 'e2e-1', userId: shopper, type: 'VIEW', productId: anchor }] },
      );
      expect(record.data!.recordEvents).toEqual({ accepted: 1, duplicates: 0 });
      const next = await recommend(shopper);
      expect(next.some((r) => r.source === 'COOCCURRENCE')).toBe(true);
      expect(next.map((r) => r.product.id)).not.toContain(anchor);
      expect(next.find((r) => r.source === 'COOCCURRENCE')!.reason).toMatch(/viewed/);
      const again = await gql<{ recordEvents: { accepted: number; duplicates: number } }>(
        `mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted duplicates } }`,
        { e: [{ eventId: 'e2e-1', userId: shopper, type: 'VIEW', productId: anchor }] },
      );
      expect(again.data!.recordEvents).toEqual({ accepted: 0, duplicates: 1 });
    });

    it('searches the catalogue with facets', async () => {
      const word = shop.products[0].title.match(/[A-Za-z]{4,}/)![0];
      const { data } = await gql<{ search: { total: number; hits: Array<{ product: { title: string } }>; facets: { brand: unknown[] } } }>(
        `query($q: String!) { search(query: $q, first: 5) { total hits { product { title } } facets { brand { value count } } } }`, { q: word },
      );
      expect(data!.search.total).toBeGreaterThan(0);
      expect(data!.search.hits[0].product.title.toLowerCase()).toContain(word.toLowerCase().slice(0, 4));
      expect(data!.search.facets.brand.length).toBeGreaterThan(0);
    });

    it('answers bad requests with clear coded errors and keeps serving', async () => {
      const malformed = await gql(`{ recommendations(userId: "x" { id }`);
      expect(malformed.errors![0].extensions!.code).toBe('GRAPHQL_PARSE_FAILED');
      const unknown = await gql(`{ similarItems(productId: "no-such-product") { source } }`);
      expect(unknown.errors![0].extensions!.code).toBe('NOT_FOUND');
      const tooMany = await gql(`{ recommendations(userId: "x", first: 100000) { source } }`);
      expect(tooMany.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      const huge = await gql(`query($q: String!) { search(query: $q) { total } }`, { q: 'x'.repeat(10 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      expect(huge.errors![0].extensions!.code).toBe('PAYLOAD_TOO_LARGE');
      const forbidden = await gql(`mutation { retrain(kind: STATS) { id } }`);
      expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');
      for (const r of [malformed, unknown, tooMany, huge, forbidden]) expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/);
      expect((await recommend('still-serving')).length).toBeGreaterThan(0);
    });

    it('exposes request latency per operation and job counts in /metrics', async () => {
      await gql(`query Probe { suggest(prefix: "a") }`);
      const text = await (await fetch(gateway.url.replace('/graphql', '/metrics'))).text();
      expect(text).toMatch(/magpie_graphql_request_duration_seconds_bucket\{[^}]*operation="Probe"/);
      expect(text).toMatch(/magpie_jobs\{queue="training",state="completed"\} [1-9]/);
    });

    it('forgets a shopper: events, candidates and cached history', async () => {
      const shopper = shop.events[0].userId;
      const { data } = await gql<{ forgetUser: { events: number } }>(`mutation($u: ID!) { forgetUser(userId: $u) { events candidates } }`, { u: shopper }, ADMIN);
      expect(data!.forgetUser.events).toBeGreaterThan(0);
      expect(await runtime.store.users.find(shopper)).toBeNull();
      expect((await recommend(shopper)).every((r) => r.source === 'POPULAR')).toBe(true);
    });
  });
}
