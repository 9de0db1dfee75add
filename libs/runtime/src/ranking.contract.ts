import type { RunningGateway } from '@magpie/api';
import type { MagpieConfig } from '@magpie/config';
import { generateShop } from '@magpie/datasets';
import { DISCOVER_REASON, isTailItem } from '@magpie/recommendation';
import type { Runtime } from './create-runtime';
import { graphqlCaller } from './testing/graphql-caller';
import { startShopGateway } from './testing/shop-gateway';

const APP = 'app-key-ranking-01';
const ADMIN = 'admin-key-ranking-01';

interface Item { score: number; source: string; reason: string; product: { id: string } }

/**
 * The step after the blend through GraphQL, once per deployment shape: `tailShare` per request with
 * the "discover" reason on tail items, its validation, and a trained ranker (retrain RANKER) ordering
 * the list and learning online from the impressions and clicks recorded for what it showed.
 */
export function describeRanking(name: string, setup: () => Promise<{ config: Partial<MagpieConfig>; teardown(): Promise<void> }>) {
  describe(`ranking, tail exposure and reasons through GraphQL (${name})`, () => {
    let stop: (() => Promise<void>) | undefined;
    let runtime: Runtime;
    let gateway: RunningGateway;
    const shop = generateShop({ products: 300, users: 80, seed: 7 });
    const shopper = shop.events[0].userId;

    const gql = graphqlCaller(() => gateway.url, APP);
    const recommend = (user: string, tailShare?: number, first = 10) =>
      gql<{ recommendations: Item[] }>(
        `query($u: ID!, $n: Int, $t: Float) { recommendations(userId: $u, first: $n, tailShare: $t) { score source reason product { id } } }`, { u: user, n: first, t: tailShare },
      );
    const isTail = (externalId: string) => isTailItem(runtime.models.stats()!, 0.2)(runtime.catalog.byExternalId(externalId)!.id);
    const retrain = async (kind: string, options: Record<string, unknown> = {}) => {
      const { data } = await gql<{ retrain: { id: string } }>(`mutation($k: ModelKind!, $o: JSON) { retrain(kind: $k, options: $o) { id } }`, { k: kind, o: options }, ADMIN);
      return runtime.queue.waitFor(data!.retrain.id, 60_000);
    };

    beforeAll(async () => {
      ({ runtime, gateway, stop } = await startShopGateway(await setup(), shop, { appKey: APP, adminKey: ADMIN, config: (base) => ({ feedback: { ...base.feedback, bandit: false } }) }));
      expect((await retrain('STATS')).state).toBe('completed');
      await runtime.models.reload('STATS');
    }, 120_000);

    afterAll(async () => {
      await stop?.();
    });

    it('puts at least tailShare of the list in the tail when candidates have them; tail items say "discover"', async () => {
      const plain = (await recommend(shopper)).data!.recommendations;
      const pool = (await recommend(shopper, undefined, 50)).data!.recommendations;
      const plainTail = plain.filter((i) => isTail(i.product.id)).length;
      expect(pool.filter((i) => isTail(i.product.id)).length).toBeGreaterThanOrEqual(10); // enough tail candidates exist
      expect(plainTail).toBeLessThan(10);
      const shaped = (await recommend(shopper, 1)).data!.recommendations;
      expect(shaped).toHaveLength(10);
      const tail = shaped.filter((i) => isTail(i.product.id));
      expect(tail.length).toBe(10);
      // The blend's own tail items stay; the rest are the next-best tail candidates.
      const keptTail = plain.filter((i) => isTail(i.product.id)).map((i) => i.product.id);
      expect(shaped.map((i) => i.product.id)).toEqual(expect.arrayContaining(keptTail));
      const half = (await recommend(shopper, 0.5)).data!.recommendations;
      expect(half.filter((i) => isTail(i.product.id)).length).toBe(Math.max(5, plainTail));
      expect(half.filter((i) => isTail(i.product.id)).every((i) => i.reason === DISCOVER_REASON)).toBe(true);
      expect(tail.every((i) => i.reason === DISCOVER_REASON)).toBe(true);
      expect(shaped.filter((i) => !isTail(i.product.id)).every((i) => i.reason !== DISCOVER_REASON)).toBe(true);
      // Without a tail share the list and its reasons are the blend's.
      expect((await recommend(shopper, 0)).data!.recommendations).toEqual(plain);
    });

    it('refuses a tailShare outside [0, 1] with BAD_USER_INPUT', async () => {
      for (const share of [1.5, -0.2]) {
        const { errors } = await recommend(shopper, share);
        expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(errors?.[0].message).toMatch(/tailShare/);
      }
    });

    it('serves a trained ranker (retrain RANKER) that orders the list, and learns from impressions and clicks of what it showed', async () => {
      const done = await retrain('RANKER', { epochs: 2, force: true });
      expect(done.state).toBe('completed');
      await runtime.models.reload('RANKER');
      const ranker = runtime.models.ranker()!;
      expect(ranker.versionId).toBe((done.result as { versionId: number }).versionId);
      const items = (await recommend(shopper)).data!.recommendations;
      expect(items).toHaveLength(10);
      // Ranked items carry σ(Y): probabilities, best first.
      for (const [i, item] of items.entries()) {
        expect(item.score).toBeGreaterThan(0);
        expect(item.score).toBeLessThan(1);
        if (i > 0) expect(item.score).toBeLessThanOrEqual(items[i - 1].score);
      }
      const before = Array.from(ranker.model.weights);
      const shown = items.map((i) => i.product.id);
      const notShown = shop.products.map((p) => p.id).find((id) => !shown.includes(id))!;
      const { data } = await gql<{ recordEvents: { accepted: number } }>(`mutation($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }`, {
        e: [
          { userId: shopper, type: 'IMPRESSION', productId: shown[0], source: items[0].source },
          { userId: shopper, type: 'IMPRESSION', productId: shown[1], source: items[1].source },
          { userId: shopper, type: 'CLICK', productId: shown[1], source: items[1].source },
          { userId: shopper, type: 'CLICK', productId: notShown },
        ],
      });
      expect(data!.recordEvents.accepted).toBe(4);
      expect(ranker.updates).toBe(3);
      expect(Array.from(ranker.model.weights)).not.toEqual(before);
    }, 60_000);
  });
}
