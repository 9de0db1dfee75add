import { JOB_TRAIN_RANKER, JOB_TRAIN_STATS, QUEUE_TRAINING } from '@magpie/contracts';
import { createTestStore, type TestStore } from '@magpie/data';
import { generateShop } from '@magpie/datasets';
import { InlineJobQueue, MemoryModelEvents, type ModelChange } from '@magpie/queue';
import { decodeRanker, encodeSequenceArtifact, fakeFitSequenceModel, ItemVocabulary, loadFakeSequenceModel, RANKER_FEATURES } from '@magpie/recommendation';
import { importBundle } from './import-bundle';
import { allJobs } from './registry';
import { RANKER_BASELINE_METRIC, RANKER_GATE_METRIC, type TrainRankerResult } from './train-ranker';

describe('train-ranker (PostgreSQL)', () => {
  let store: TestStore;
  let queue: InlineJobQueue;
  const published: ModelChange[] = [];
  const shop = generateShop({ products: 200, users: 120, seed: 5 });

  beforeAll(async () => {
    store = await createTestStore('postgres');
    await importBundle(store, shop);
    const modelEvents = new MemoryModelEvents();
    modelEvents.subscribe((e) => published.push(e));
    queue = new InlineJobQueue({ registry: allJobs({ store, modelEvents, loadSequenceModel: loadFakeSequenceModel }), backoffMs: 1 });
  }, 60_000);

  afterAll(async () => {
    await queue?.close();
    await store?.dispose();
  });

  const run = async (job: string, payload: unknown = {}) => queue.waitFor((await queue.enqueue(QUEUE_TRAINING, job, payload)).id, 60_000);

  it('fails at once while no statistics exist', async () => {
    const done = await run(JOB_TRAIN_RANKER);
    expect(done.state).toBe('failed');
    expect(done.attemptsMade).toBe(1);
    expect(done.failedReason).toMatch(/no active STATS model/);
  });

  it('fits on held-out decisions, reports the ranker against the blended order, stores a loadable artifact, and gates activation on beating the blend', async () => {
    expect((await run(JOB_TRAIN_STATS)).state).toBe('completed');
    const done = await run(JOB_TRAIN_RANKER, { epochs: 4, seed: 2 });
    expect(done.state).toBe('completed');
    expect(done.progress.fraction).toBe(1);
    const result = done.result as TrainRankerResult;
    const m = result.metrics;
    expect(m['shoppers']).toBe(120);
    expect(m['train decisions']).toBeGreaterThan(50);
    expect(m['valid decisions']).toBeGreaterThan(3);
    for (const key of [RANKER_GATE_METRIC, RANKER_BASELINE_METRIC]) {
      expect(m[key]).toBeGreaterThan(0);
      expect(m[key]).toBeLessThanOrEqual(1);
    }
    expect(result.activated).toBe(m[RANKER_GATE_METRIC] > m[RANKER_BASELINE_METRIC]);
    const version = (await store.versions.byId(result.versionId))!;
    expect(version).toMatchObject({ kind: 'RANKER', status: result.activated ? 'active' : 'ready', metrics: m });
    const model = decodeRanker(await store.artifacts.load(version.artifactId!));
    expect(model.itemRows.size).toBeGreaterThan(50);
    expect(model.weights.some((w) => w !== 0)).toBe(true);
    // Same data, same seed: the same figures.
    const again = (await run(JOB_TRAIN_RANKER, { epochs: 4, seed: 2 })).result as TrainRankerResult;
    expect(again.metrics).toEqual(m);
  }, 120_000);

  it('activates with force and tells the gateways', async () => {
    const done = await run(JOB_TRAIN_RANKER, { epochs: 1, force: true });
    const result = done.result as TrainRankerResult;
    expect(result.activated).toBe(true);
    expect((await store.versions.active('RANKER'))?.id).toBe(result.versionId);
    expect(published).toContainEqual({ kind: 'RANKER', versionId: result.versionId });
  }, 60_000);

  it('puts the active sequence model\'s proposals into the held-out pools, so the ranker learns a weight for them', async () => {
    const ids: number[] = [];
    for await (const page of store.products.scan(1000)) ids.push(...page.map((p) => p.id));
    const vocabulary = new ItemVocabulary(Int32Array.from(ids));
    const sequences = [Int32Array.from({ length: ids.length }, (_, i) => i + 1)];
    const fit = await fakeFitSequenceModel({ numItems: ids.length, sequences }, null, { kind: 'sasrec', numItems: ids.length, dim: 8, seed: 1 }, { epochs: 1 });
    const artifactId = await store.artifacts.save('sequence-test', encodeSequenceArtifact({ model: await fit.model.save(), vocabulary, config: {} }));
    const sequence = await store.versions.create({ kind: 'SEQUENCE', config: {} });
    await store.versions.complete(sequence.id, { metrics: {}, artifactId });
    await store.versions.activate(sequence.id);
    const done = await run(JOB_TRAIN_RANKER, { epochs: 2 });
    expect(done.state).toBe('completed');
    const result = done.result as TrainRankerResult;
    expect(result.metrics['sequence candidates']).toBe(1);
    const version = (await store.versions.byId(result.versionId))!;
    expect(version.config['sequenceVersion']).toBe(sequence.id);
    const model = decodeRanker(await store.artifacts.load(version.artifactId!));
    expect(model.weights[RANKER_FEATURES.indexOf('source:sequence')]).not.toBe(0);
  }, 60_000);
});
