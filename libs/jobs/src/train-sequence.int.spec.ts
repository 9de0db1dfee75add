import { JOB_TRAIN_SEQUENCE, QUEUE_TRAINING } from '@magpie/contracts';
import { createTestStore, type TestStore } from '@magpie/data';
import { generateShop } from '@magpie/datasets';
import { InlineJobQueue, MemoryModelEvents, type ModelChange } from '@magpie/queue';
import { decodeSequenceArtifact, loadFakeSequenceModel } from '@magpie/recommendation';
import { importBundle } from './import-bundle';
import { allJobs } from './registry';
import { ThreadSequenceTrainer } from './sequence/thread-sequence-trainer';
import { FAKE_SEQUENCE_MODULE, SLOW_FAKE_SEQUENCE_MODULE } from './testing/fake-trainers';
import type { TrainSequenceResult } from './train-sequence';

describe('train-sequence job (PostgreSQL, training in a worker thread)', () => {
  let store: TestStore;
  const published: ModelChange[] = [];
  const shop = generateShop({ products: 120, users: 60, seed: 11 });
  const modelEvents = new MemoryModelEvents();
  modelEvents.subscribe((e) => published.push(e));

  beforeAll(async () => {
    store = await createTestStore('postgres');
    await importBundle(store, shop);
  }, 60_000);
  afterAll(async () => {
    await modelEvents.close();
    await store?.dispose();
  });

  const queueWith = (module: string) => {
    const trainer = new ThreadSequenceTrainer({ module });
    return { trainer, queue: new InlineJobQueue({ registry: allJobs({ store, modelEvents, sequenceTrainer: trainer }), backoffMs: 1 }) };
  };
  const run = async (queue: InlineJobQueue, payload: unknown) =>
    queue.waitFor((await queue.enqueue(QUEUE_TRAINING, JOB_TRAIN_SEQUENCE, payload, { attempts: 1 })).id, 60_000);

  it('trains, reports each epoch, stores model + vocabulary, and activates the first version', async () => {
    const { queue, trainer } = queueWith(FAKE_SEQUENCE_MODULE);
    // The job's progress as it stands right after each epoch's report (a timer poll can miss a fast training).
    const progress: number[] = [];
    let jobId = '';
    const train = trainer.train.bind(trainer);
    trainer.train = (request, onEpoch) =>
      train(request, async (report) => {
        await onEpoch(report);
        const epoch = (await queue.get(jobId))?.progress.figures?.['epoch'];
        if (typeof epoch === 'number') progress.push(epoch);
      });
    const job = await queue.enqueue(QUEUE_TRAINING, JOB_TRAIN_SEQUENCE, { epochs: 3, dim: 8, maxLen: 20 }, { attempts: 1 });
    jobId = job.id;
    const done = await queue.waitFor(job.id, 60_000);
    await queue.close();
    expect(done.state).toBe('completed');
    const result = done.result as TrainSequenceResult;
    expect(result).toMatchObject({ activated: true, comparedWith: null });
    const version = (await store.versions.byId(result.versionId))!;
    expect(version).toMatchObject({ kind: 'SEQUENCE', status: 'active', config: { kind: 'sasrec', epochs: 3, dim: 8, backend: 'fake' } });
    expect(version.metrics['valid ndcg@10']).toBeGreaterThan(0);
    expect(version.metrics['valid hr@10']).toBeGreaterThanOrEqual(version.metrics['valid ndcg@10']);
    expect(version.metrics['epochs']).toBeGreaterThanOrEqual(1);
    expect(version.metrics['sequencesPerSecond']).toBeGreaterThan(0);
    const artifact = decodeSequenceArtifact(await store.artifacts.load(version.artifactId!));
    const touched = new Set((await store.products.byExternalIds(shop.events.filter((e) => e.type !== 'dislike').map((e) => e.productId))).map((p) => p.id));
    expect(artifact.vocabulary.size).toBe(touched.size);
    const model = await loadFakeSequenceModel(artifact.model);
    expect(model.config).toMatchObject({ numItems: touched.size, dim: 8, maxLen: 20 });
    expect(published).toContainEqual({ kind: 'SEQUENCE', versionId: result.versionId });
    expect(Math.max(...progress)).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('keeps a version that does not beat the active one ready, unless forced', async () => {
    const { queue } = queueWith(FAKE_SEQUENCE_MODULE);
    const active = (await store.versions.active('SEQUENCE'))!;
    const same = (await run(queue, { epochs: 3, dim: 8, maxLen: 20 })).result as TrainSequenceResult;
    expect(same).toMatchObject({ activated: false, comparedWith: active.id });
    expect(same.metrics['valid ndcg@10']).toBe(active.metrics['valid ndcg@10']);
    expect((await store.versions.byId(same.versionId))!.status).toBe('ready');
    expect((await store.versions.active('SEQUENCE'))!.id).toBe(active.id);
    const forced = (await run(queue, { epochs: 1, dim: 8, maxLen: 20, force: true })).result as TrainSequenceResult;
    expect(forced.activated).toBe(true);
    expect((await store.versions.active('SEQUENCE'))!.id).toBe(forced.versionId);
    await queue.close();
  }, 60_000);

  it('a training thread stopped halfway fails the job and leaves the active model untouched, without blocking the event loop', async () => {
    const { queue, trainer } = queueWith(SLOW_FAKE_SEQUENCE_MODULE);
    const before = (await store.versions.active('SEQUENCE'))!;
    const job = await queue.enqueue(QUEUE_TRAINING, JOB_TRAIN_SEQUENCE, { epochs: 50, dim: 8, maxLen: 20, force: true }, { attempts: 1 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    for (let i = 0; i < 500 && !((await queue.get(job.id))?.progress.figures?.['epoch'] ?? 0); i++) await new Promise((r) => setTimeout(r, 20));
    const ticksAtFirstEpoch = ticks;
    await new Promise((r) => setTimeout(r, 400));
    await trainer.close(); // what a shutting-down worker does
    const done = await queue.waitFor(job.id, 10_000);
    clearInterval(ticker);
    await queue.close();
    expect(done.state).toBe('failed');
    expect(done.failedReason).toMatch(/training interrupted/);
    // the 300 ms busy epochs ran on another thread: timers here kept firing
    expect(ticks - ticksAtFirstEpoch).toBeGreaterThanOrEqual(10);
    expect((await store.versions.active('SEQUENCE'))!.id).toBe(before.id);
    const failed = (await store.versions.list({ kind: 'SEQUENCE', status: 'failed', first: 1 }))[0];
    expect(failed.jobId).toBe(job.id);
  }, 60_000);

  it('fails at once when the events cannot make a sequence', async () => {
    const empty = await createTestStore('postgres');
    try {
      const queue = new InlineJobQueue({ registry: allJobs({ store: empty, modelEvents, sequenceTrainer: new ThreadSequenceTrainer({ module: FAKE_SEQUENCE_MODULE }) }), backoffMs: 1 });
      const done = await queue.waitFor((await queue.enqueue(QUEUE_TRAINING, JOB_TRAIN_SEQUENCE, {})).id, 10_000);
      await queue.close();
      expect(done.state).toBe('failed');
      expect(done.attemptsMade).toBe(1);
      expect(done.failedReason).toMatch(/not enough events/);
    } finally {
      await empty.dispose();
    }
  }, 60_000);
});
