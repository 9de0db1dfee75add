import type { ModelVersion } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import { MemoryModelEvents } from '@magpie/queue';
import { createRankerModel, encodeRanker, encodeSequenceArtifact, fakeFitSequenceModel, ItemVocabulary, loadFakeSequenceModel, type FakeSequenceEncoder } from '@magpie/recommendation';
import type { SequenceEncoder } from '@magpie/ml';
import { ActiveModels } from './active-models';

/** Versions and artifacts in memory: enough of the store for ActiveModels. */
function fakeStore() {
  const artifacts = new Map<number, Uint8Array>();
  const versions: ModelVersion[] = [];
  const store: Pick<MagpieStore, 'versions' | 'artifacts'> = {
    artifacts: { save: async (_n, bytes) => (artifacts.set(artifacts.size + 1, bytes), artifacts.size), load: async (id) => artifacts.get(id)! },
    versions: {
      active: async (kind) => versions.find((v) => v.kind === kind && v.status === 'active') ?? null,
      create: async () => { throw new Error('unused'); }, complete: async () => { throw new Error('unused'); }, record: async () => { throw new Error('unused'); }, fail: async () => undefined,
      activate: async () => { throw new Error('unused'); }, previous: async () => null, byId: async () => null, list: async () => [],
    },
  };
  const activate = (id: number, artifactId: number | null, kind: ModelVersion['kind'] = 'SEQUENCE') => {
    for (const v of versions) if (v.kind === kind && v.status === 'active') v.status = 'retired';
    versions.push({ id, kind, status: 'active', config: {}, metrics: {}, artifactId, jobId: null, createdAt: new Date(), promotedAt: new Date() });
  };
  return { store, artifacts, activate };
}

async function artifact(seed: number): Promise<Uint8Array> {
  const sequences = [Int32Array.of(1, 2, 3), Int32Array.of(3, 4, 1)];
  const fit = await fakeFitSequenceModel({ numItems: 4, sequences }, null, { kind: 'sasrec', numItems: 4, dim: 4, seed }, { epochs: 1 });
  return encodeSequenceArtifact({ model: await fit.model.save(), vocabulary: new ItemVocabulary(Int32Array.of(11, 12, 13, 14)), config: {} });
}

describe('ActiveModels (sequence)', () => {
  it('keeps serving the old version while the new one loads, then swaps and frees the old one', async () => {
    const { store, artifacts, activate } = fakeStore();
    artifacts.set(1, await artifact(1));
    artifacts.set(2, await artifact(2));
    activate(1, 1);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => { release = r; });
    const loaded: SequenceEncoder[] = [];
    const load = async (bytes: Uint8Array) => {
      if (loaded.length === 1) await gate; // the second load waits until the test lets it finish
      const model = await loadFakeSequenceModel(bytes);
      loaded.push(model);
      return model;
    };
    const models = new ActiveModels(store, () => undefined, { loadSequenceModel: load, annThreshold: 1000, disposeDelayMs: 0 });
    await models.load();
    const first = models.sequence()!;
    expect(models.versions()['SEQUENCE']).toBe(1);

    const events = new MemoryModelEvents();
    models.follow(events);
    activate(2, 2);
    await events.publish({ kind: 'SEQUENCE', versionId: 2 });
    await new Promise((r) => setTimeout(r, 20));
    expect(models.sequence()).toBe(first); // still loading: the old one serves
    expect(await first.rank([{ productId: 11, type: 'view', ts: 0 }])).not.toBeNull();
    release();
    for (let i = 0; i < 100 && models.versions()['SEQUENCE'] !== 2; i++) await new Promise((r) => setTimeout(r, 5));
    expect(models.versions()['SEQUENCE']).toBe(2);
    expect(models.sequence()).not.toBe(first);
    await new Promise((r) => setTimeout(r, 10));
    expect((loaded[0] as FakeSequenceEncoder).isDisposed).toBe(true);
    models.close();
    await events.close();
  });

  it('keeps the old version and logs when the new one cannot be loaded', async () => {
    const { store, artifacts, activate } = fakeStore();
    artifacts.set(1, await artifact(1));
    artifacts.set(2, Uint8Array.of(1, 2, 3));
    activate(1, 1);
    const log: string[] = [];
    const models = new ActiveModels(store, (m) => log.push(m), { loadSequenceModel: loadFakeSequenceModel, annThreshold: 1000 });
    await models.load();
    activate(2, 2);
    await models.reload('SEQUENCE');
    expect(models.versions()['SEQUENCE']).toBe(1);
    expect(models.sequence()).not.toBeNull();
    expect(log.at(-1)).toMatch(/loading SEQUENCE version 2 failed \(still serving version 1\): not a Magpie sequence-model artifact/);
    models.close();
  });

  it('serves no sequence model, without failing, before the first SEQUENCE version', async () => {
    const models = new ActiveModels(fakeStore().store, () => undefined, { loadSequenceModel: loadFakeSequenceModel });
    await models.load();
    expect(models.sequence()).toBeNull();
    expect(models.versions()).toEqual({ STATS: null, LONGTAIL: null, SEQUENCE: null, ITEM_ENCODER: null, RANKER: null });
  });
});

describe('ActiveModels (item encoder)', () => {
  it('leaves search as it is and logs when an ITEM_ENCODER version cannot be loaded', async () => {
    const { store, artifacts, activate } = fakeStore();
    artifacts.set(1, Uint8Array.of(1, 2, 3));
    activate(7, 1, 'ITEM_ENCODER');
    const warnings: string[] = [];
    const served: number[] = [];
    const models = new ActiveModels(store, () => undefined, {
      loadSequenceModel: loadFakeSequenceModel,
      warn: (m) => warnings.push(m),
      onSearchModel: async (model) => void served.push(model.versionId),
    });
    await models.load();
    expect(served).toEqual([]);
    expect(models.versions()['ITEM_ENCODER']).toBeNull();
    expect(warnings.at(-1)).toMatch(/loading ITEM_ENCODER version 7 failed \(keyword search only\): Not a Magpie search model artifact/);
    models.close();
  });
});

describe('ActiveModels (ranker)', () => {
  it('serves the active RANKER version, follows a promotion, and keeps it (logged) when a newer one cannot be loaded', async () => {
    const { store, artifacts, activate } = fakeStore();
    const trained = createRankerModel([5, 6], { dim: 2 });
    trained.weights[0] = 0.5;
    artifacts.set(1, encodeRanker(trained));
    artifacts.set(2, encodeRanker(createRankerModel([7], { dim: 2 })));
    artifacts.set(3, Uint8Array.of(1, 2, 3));
    const warnings: string[] = [];
    const models = new ActiveModels(store, () => undefined, { warn: (m) => warnings.push(m) });
    await models.load();
    expect(models.ranker()).toBeNull();
    activate(10, 1, 'RANKER');
    await models.reload('RANKER');
    expect(models.ranker()!.versionId).toBe(10);
    expect(models.ranker()!.model.weights[0]).toBeCloseTo(0.5, 6);
    expect(models.versions()['RANKER']).toBe(10);
    activate(11, 2, 'RANKER');
    await models.reload('RANKER');
    expect(models.ranker()!.model.itemRows.has(7)).toBe(true);
    activate(12, 3, 'RANKER');
    await models.reload('RANKER');
    expect(models.ranker()!.versionId).toBe(11);
    expect(warnings.join('\n')).toMatch(/loading RANKER version 12 failed \(still serving version 11\)/);
  });
});
