import type { RunningGateway } from '@magpie/api';
import type { MagpieConfig } from '@magpie/config';
import { generateShop } from '@magpie/datasets';
import type { Runtime } from './create-runtime';
import { graphqlCaller } from './testing/graphql-caller';
import { startShopGateway } from './testing/shop-gateway';

const APP = 'app-key-feedback-01';
const ADMIN = 'admin-key-feedback-01';

interface Item { source: string; modelVersion: string | null; product: { id: string; categories: string[] } }
interface SourceStats {
  source: string; impressions: number; clicks: number; ctr: number; posteriorMean: number; weight: number;
  versions: Array<{ modelVersion: string | null; impressions: number; clicks: number; ctr: number }>;
}

const BLEND_STATS = `{ blendStats { bandit floorShare sources { source impressions clicks ctr posteriorMean weight versions { modelVersion impressions clicks ctr } } } }`;

/**
 * The feedback loop through GraphQL, once per deployment shape: recommendations say which source and
 * model version produced each item, impressions and clicks echoing them are counted (memory or Redis),
 * `blendStats` (admin) reports them with the bandit's weights, and dislikes reshape the next answer.
 */
export function describeFeedbackLoop(name: string, setup: () => Promise<{ config: Partial<MagpieConfig>; teardown(): Promise<void> }>) {
  describe(`feedback loop (${name})`, () => {
    let runtime: Runtime;
    let gateway: RunningGateway;
    let stop: (() => Promise<void>) | undefined;
    let statsVersion: string;
    const shop = generateShop({ products: 200, users: 60, seed: 11 });

    const gql = graphqlCaller(() => gateway.url, APP);
    const recommend = async (user: string, first = 10) =>
      (await gql<{ recommendations: Item[] }>(
        `query($u: ID!, $n: Int) { recommendations(userId: $u, first: $n) { source modelVersion product { id categories } } }`, { u: user, n: first },
      )).data!.recommendations;
    const record = async (events: Array<Record<string, unknown>>) =>
      (await gql<{ recordEvents: { accepted: number } }>(`mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }`, { e: events })).data!.recordEvents;
    const blendStats = async () => (await gql<{ blendStats: { bandit: boolean; floorShare: number; sources: SourceStats[] } }>(BLEND_STATS, {}, ADMIN)).data!.blendStats;

    beforeAll(async () => {
      ({ runtime, gateway, stop } = await startShopGateway(await setup(), shop, { appKey: APP, adminKey: ADMIN, config: (base) => ({
        feedback: { ...base.feedback, seed: 5, countsRefreshMs: 0, warmupImpressions: 0 },
        // The new-events trigger on, its timer idle: the test runs the checks itself.
        retrain: { ...base.retrain, kinds: ['STATS'], newEventsThreshold: 40, checkEveryMs: 3_600_000 },
      }) }));
      const job = await runtime.services.jobs.retrain('STATS');
      expect((await runtime.queue.waitFor(job.id, 60_000)).state).toBe('completed');
      await runtime.models.reload('STATS');
      statsVersion = `STATS:${runtime.models.versions()['STATS']}`;
    }, 120_000);

    afterAll(async () => {
      await stop?.();
    });

    it('tells the source and model version of every recommended item', async () => {
      const items = await recommend(shop.events[0].userId);
      expect(items.length).toBe(10);
      for (const item of items) {
        expect(['COOCCURRENCE', 'POPULAR']).toContain(item.source); // no sequence model or long-tail version here
        expect(item.modelVersion).toBe(statsVersion);
      }
    });

    it('counts impressions and clicks echoed from recommendations, and blendStats reports them (admin only)', async () => {
      const before = await blendStats();
      expect(before).toMatchObject({ bandit: true, floorShare: 0.05 });
      expect(before.sources.map((s) => s.source)).toEqual(['SEQUENCE', 'COOCCURRENCE', 'LONGTAIL', 'POPULAR']);
      expect(before.sources.every((s) => s.impressions === 0 && s.clicks === 0)).toBe(true);

      const shopper = 'feedback-shopper-1';
      const shown = await recommend(shopper, 8);
      expect(shown.every((i) => i.source === 'POPULAR')).toBe(true);
      const impression = (i: Item, n: number) => ({ eventId: `fb-imp-${n}`, userId: shopper, type: 'IMPRESSION', productId: i.product.id, source: i.source, modelVersion: i.modelVersion });
      await record(shown.map(impression));
      await record([impression(shown[0], 0)]); // a retried event is not counted twice
      await record([
        { eventId: 'fb-click-1', userId: shopper, type: 'CLICK', productId: shown[2].product.id, source: shown[2].source, modelVersion: shown[2].modelVersion },
        { userId: shopper, type: 'VIEW', productId: shown[3].product.id, source: 'POPULAR', modelVersion: statsVersion },
        { userId: shopper, type: 'IMPRESSION', productId: shown[4].product.id, source: 'newsletter' },
      ]);

      const after = await blendStats();
      const popular = after.sources.find((s) => s.source === 'POPULAR')!;
      expect(popular).toMatchObject({ impressions: 8, clicks: 1, ctr: 0.125 });
      expect(popular.posteriorMean).toBeCloseTo(2 / 10, 10);
      expect(popular.versions).toEqual([{ modelVersion: statsVersion, impressions: 8, clicks: 1, ctr: 0.125 }]);
      // Only the statistics' sources can propose items here (no sequence model, no long-tail version).
      const weight = (source: string) => after.sources.find((s) => s.source === source)!.weight;
      expect(weight('SEQUENCE')).toBe(0);
      expect(weight('LONGTAIL')).toBe(0);
      expect(weight('COOCCURRENCE') + weight('POPULAR')).toBeCloseTo(1, 6);
      expect(Math.min(weight('COOCCURRENCE'), weight('POPULAR'))).toBeGreaterThanOrEqual(0.05 - 1e-9);

      const forbidden = await gql(BLEND_STATS, {}, APP);
      expect(forbidden.errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(forbidden.data ?? null).toBeNull();
      const anonymous = await gql(BLEND_STATS, {}, 'not-a-key-at-all');
      expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    });

    it('shifts weight to the source shoppers click: co-occurrence leads once it out-clicks popular', async () => {
      const shopper = shop.events[1].userId;
      const [co, pop] = [shop.products[5].id, shop.products[6].id];
      const events = [];
      for (let n = 0; n < 60; n++) {
        events.push({ userId: shopper, type: 'IMPRESSION', productId: co, source: 'COOCCURRENCE', modelVersion: statsVersion });
        events.push({ userId: shopper, type: 'IMPRESSION', productId: pop, source: 'POPULAR', modelVersion: statsVersion });
        if (n % 3 === 0) events.push({ userId: shopper, type: 'CLICK', productId: co, source: 'COOCCURRENCE', modelVersion: statsVersion });
      }
      await record(events);
      const stats = await blendStats();
      const weight = (source: string) => stats.sources.find((s) => s.source === source)!.weight;
      expect(stats.sources.find((s) => s.source === 'COOCCURRENCE')).toMatchObject({ impressions: 60, clicks: 20 });
      expect(weight('COOCCURRENCE')).toBeGreaterThan(0.9);
      expect(weight('POPULAR')).toBeLessThan(0.1);
      // The next requests are blended with those weights: co-occurrence (0.95 of the weight) fills the top.
      for (const user of [shop.events[3].userId, shop.events[4].userId]) {
        const items = await recommend(user, 5);
        expect(items.slice(0, 3).map((i) => i.source)).toEqual(['COOCCURRENCE', 'COOCCURRENCE', 'COOCCURRENCE']);
      }
      // Now shoppers click popular items far more: popular leads, and fills the top of the same shoppers' lists
      // (the fixed blend would keep co-occurrence first).
      const clicks = [];
      for (let n = 0; n < 300; n++) {
        clicks.push({ userId: shopper, type: 'IMPRESSION', productId: pop, source: 'POPULAR', modelVersion: statsVersion });
        if (n % 5 < 4) clicks.push({ userId: shopper, type: 'CLICK', productId: pop, source: 'POPULAR', modelVersion: statsVersion });
      }
      await record(clicks);
      const flipped = await blendStats();
      expect(flipped.sources.find((s) => s.source === 'POPULAR')!.posteriorMean).toBeGreaterThan(0.6);
      for (const user of [shop.events[3].userId, shop.events[4].userId]) {
        const items = await recommend(user, 5);
        expect(items.slice(0, 3).map((i) => i.source)).toEqual(['POPULAR', 'POPULAR', 'POPULAR']);
      }
    });

    it('drops a disliked item from the next recommendations of that shopper', async () => {
      const shopper = shop.events[2].userId;
      const [top] = await recommend(shopper, 5);
      await record([{ userId: shopper, type: 'DISLIKE', productId: top.product.id }]);
      const next = await recommend(shopper, 20);
      expect(next.map((i) => i.product.id)).not.toContain(top.product.id);
    });

    it('retrains once the events since the last training pass the threshold, enqueueing the job once', async () => {
      const version = runtime.models.versions()['STATS']!;
      const shopper = 'feedback-retrain-shopper';
      await record(Array.from({ length: 40 }, (_, i) => ({ userId: shopper, type: 'VIEW', productId: shop.products[i].id })));
      // Three checks at once (as three gateways would run them): one job, under the id derived from the version.
      const checks = (await Promise.all([runtime.retrain.check(), runtime.retrain.check(), runtime.retrain.check()])).map(([c]) => c);
      for (const c of checks) expect(c.lastVersionId === version ? c.newEvents : 40).toBeGreaterThanOrEqual(40);
      const ids = new Set(checks.flatMap((c) => (c.job ? [c.job.id] : [])));
      expect([...ids]).toEqual([`training:auto-retrain-STATS-after-${version}`]);
      expect((await runtime.queue.waitFor([...ids][0], 60_000)).state).toBe('completed');
      const [after] = await runtime.retrain.check();
      expect(after.lastVersionId).toBeGreaterThan(version);
      expect(after.newEvents).toBe(0);
      expect(after.job).toBeNull();
      expect((await runtime.queue.counts()).training.completed).toBe(2); // the first training and the triggered one, nothing more
    }, 90_000);
  });
}
