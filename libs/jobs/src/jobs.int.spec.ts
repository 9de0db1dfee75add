import { JOB_LONGTAIL_GENERATE, JOB_LONGTAIL_SHARD, JOB_TRAIN_SEQUENCE, JOB_TRAIN_STATS, QUEUE_LONGTAIL, QUEUE_TRAINING } from '@magpie/contracts';
import { createTestStore, type TestStore } from '@magpie/data';
import { generateShop } from '@magpie/datasets';
import { InlineJobQueue, MemoryModelEvents, type ModelChange } from '@magpie/queue';
import { isTailItem } from '@magpie/recommendation';
import { loadActiveStats } from './active-stats';
import { longtailFlowIds } from './generate-longtail';
import { expectedCfganCandidates } from './longtail/testing';
import { importBundle } from './import-bundle';
import { allJobs } from './registry';

describe('training and long-tail jobs (PostgreSQL)', () => {
  let store: TestStore;
  let queue: InlineJobQueue;
  const published: ModelChange[] = [];
  const shop = generateShop({ products: 200, users: 60, seed: 3 });

  beforeAll(async () => {
    store = await createTestStore('postgres');
    await importBundle(store, shop);
    const modelEvents = new MemoryModelEvents();
    modelEvents.subscribe((e) => published.push(e));
    queue = new InlineJobQueue({ registry: allJobs({ store, modelEvents }), backoffMs: 1 });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await store?.dispose();
  });

  const run = async (queueName: typeof QUEUE_TRAINING | typeof QUEUE_LONGTAIL, job: string, payload: unknown = {}) =>
    queue.waitFor((await queue.enqueue(queueName, job, payload)).id, 60_000);

  it('fails the long-tail job at once while no statistics exist', async () => {
    const done = await run(QUEUE_LONGTAIL, JOB_LONGTAIL_GENERATE);
    expect(done.state).toBe('failed');
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/no active STATS model/);
  });

  it('trains statistics from every event, stores the artifact and activates the version', async () => {
    const done = await run(QUEUE_TRAINING, JOB_TRAIN_STATS, { halfLifeDays: 7 });
    expect(done.state).toBe('completed');
    expect(done.progress.fraction).toBe(1);
    const active = await loadActiveStats(store);
    expect(active).not.toBeNull();
    const weighted = shop.events.filter((e) => e.type !== 'impression' && e.type !== 'dislike').length;
    expect(active!.model.figures['events']).toBe(weighted);
    expect(active!.model.halfLifeDays).toBe(7);
    expect(active!.model.neighbours.size).toBeGreaterThan(100);
    const version = await store.versions.byId(active!.versionId);
    expect(version).toMatchObject({ kind: 'STATS', status: 'active', metrics: { events: weighted } });
    expect(published).toContainEqual({ kind: 'STATS', versionId: active!.versionId });
  });

  it('trains CFGAN, fans out one shard job per user range, writes exactly min(perUser, untouched tail items) per shopper, activates', async () => {
    const options = { perUser: 5, headShare: 0.2, shards: 4, epochs: 5, hidden: 16 };
    const done = await run(QUEUE_LONGTAIL, JOB_LONGTAIL_GENERATE, options);
    expect(done.state).toBe('completed');
    const result = done.result as { versionId: number; candidates: number; users: number; shards: number; generator: string };
    expect(result).toMatchObject({ users: 60, shards: 4, generator: 'cfgan' });
    const expected = await expectedCfganCandidates(store, result.versionId, options);
    expect(expected.perUser.size).toBe(60);
    expect(result.candidates).toBe(expected.total);
    expect(await store.longtail.countForVersion(result.versionId)).toBe(expected.total);
    for (const [userId, n] of expected.perUser) expect((await store.longtail.forUser(userId, result.versionId, 100)).length).toBe(n);
    expect(done.progress.figures).toMatchObject({ shards: 4, shardsDone: 4, shardsFailed: 0, candidates: expected.total });
    const version = await store.versions.byId(result.versionId);
    expect(version).toMatchObject({ kind: 'LONGTAIL', status: 'active', config: { generator: 'cfgan', condition: 'interactions' }, metrics: { candidates: expected.total, shards: 4, epochs: 5 } });
    expect(version!.artifactId).not.toBeNull();
    expect(published).toContainEqual({ kind: 'LONGTAIL', versionId: result.versionId });
    // Each shard is a job of its own, visible by id; running one again replaces its shoppers' rows.
    const ids = longtailFlowIds(result.versionId, 4);
    const shard = await queue.get(`longtail:${ids.children[1]}`);
    expect(shard).toMatchObject({ state: 'completed', name: JOB_LONGTAIL_SHARD });
    const rerun = await run(QUEUE_LONGTAIL, JOB_LONGTAIL_SHARD, await shardPayload(ids.children[1]));
    expect(rerun.state).toBe('completed');
    expect(rerun.result).toEqual(shard!.result);
    expect((rerun.result as { candidates: number }).candidates).toBeGreaterThan(0);
    expect(await store.longtail.countForVersion(result.versionId)).toBe(expected.total);
  }, 60_000);

  /** The payload of a version's shard job, rebuilt from the ranges the version recorded. */
  const shardPayload = async (localId: string) => {
    const version = Number(/lt-v(\d+)-/.exec(localId)![1]);
    const v = await store.versions.byId(version);
    const ranges = v!.config.ranges as { from: number; to: number }[];
    const shard = Number(/shard-(\d+)$/.exec(localId)![1]);
    return { versionId: version, shard, shards: ranges.length, fromUserId: ranges[shard].from, toUserId: ranges[shard].to, perUser: 5, headShare: 0.2 };
  };

  it('with the co-occurrence generator: tail candidates per shopper, never items they touched, and a re-run replaces them', async () => {
    const first = await run(QUEUE_LONGTAIL, JOB_LONGTAIL_GENERATE, { perUser: 5, headShare: 0.2, generator: 'cooccurrence' });
    expect(first.state).toBe('completed');
    const { versionId, candidates, users } = first.result as { versionId: number; candidates: number; users: number };
    expect(users).toBe(60);
    expect(candidates).toBeGreaterThan(60);
    expect(await store.longtail.countForVersion(versionId)).toBe(candidates);
    const stats = (await loadActiveStats(store))!.model;
    const tail = isTailItem(stats, 0.2);
    const shopper = shop.events[0].userId;
    const userId = (await store.users.find(shopper))!;
    const rows = await store.longtail.forUser(userId, versionId, 10);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(5);
    const touched = new Set((await store.products.byExternalIds(shop.events.filter((e) => e.userId === shopper).map((e) => e.productId))).map((p) => p.id));
    for (const row of rows) {
      expect(tail(row.productId)).toBe(true);
      expect(touched.has(row.productId)).toBe(false);
    }
    expect((await store.versions.active('LONGTAIL'))?.id).toBe(versionId);

    const again = await run(QUEUE_LONGTAIL, JOB_LONGTAIL_GENERATE, { perUser: 5, headShare: 0.2, generator: 'cooccurrence' });
    const second = again.result as { versionId: number; candidates: number };
    expect(second.candidates).toBe(candidates);
    expect(await store.longtail.countForVersion(second.versionId)).toBe(candidates);
  });

  it('conditions CFGAN on the active sequence model: fails at once without one, then trains on its user vectors and writes every shopper’s candidates', async () => {
    const options = { perUser: 5, headShare: 0.2, shards: 3, epochs: 3, hidden: 16, condition: 'sequence' };
    const missing = await run(QUEUE_LONGTAIL, JOB_LONGTAIL_GENERATE, options);
    expect(missing.state).toBe('failed');
    expect(missing.attemptsMade).toBe(1);
    expect(missing.failedReason).toMatch(/needs an active SEQUENCE model/);
    expect((await run(QUEUE_TRAINING, JOB_TRAIN_SEQUENCE, { epochs: 2, dim: 8, maxLen: 20 })).state).toBe('completed');
    const sequence = await store.versions.active('SEQUENCE');
    const done = await run(QUEUE_LONGTAIL, JOB_LONGTAIL_GENERATE, { ...options, condition: 'auto' });
    expect(done.state).toBe('completed');
    const { versionId, candidates } = done.result as { versionId: number; candidates: number };
    const version = await store.versions.byId(versionId);
    expect(version).toMatchObject({ status: 'active', config: { condition: 'sequence', sequenceVersion: sequence!.id }, metrics: { epochs: 3, shards: 3 } });
    // one shopper in ten validated the generator after each epoch; the best epoch was kept
    expect([1, 2, 3]).toContain(version!.metrics['bestEpoch']);
    expect(version!.metrics['valid ndcg@10']).toBeGreaterThanOrEqual(0);
    const expected = await expectedCfganCandidates(store, versionId, options);
    expect(expected.perUser.size).toBeGreaterThan(50);
    expect(candidates).toBe(expected.total);
    expect(await store.longtail.countForVersion(versionId)).toBe(expected.total);
    const stats = (await loadActiveStats(store))!.model;
    const tail = isTailItem(stats, 0.2);
    const [userId] = [...expected.perUser.keys()];
    const rows = await store.longtail.forUser(userId, versionId, 10);
    expect(rows).toHaveLength(expected.perUser.get(userId)!);
    for (const row of rows) expect(tail(row.productId)).toBe(true);
  }, 120_000);
});
