import type { Worker } from 'node:worker_threads';
import { SequenceScorer, type ScoredHistory } from '@magpie/recommendation';
import { ThreadedSequenceScorer } from './threaded-sequence-scorer';

// The serving thread loads the same saved bytes on its own TensorFlow.js instance: it must answer
// exactly what scoring in this thread answers, incremental (prefix-state) encoding included.
let ml: typeof import('@magpie/ml');
let bytes: Uint8Array;
let local: SequenceScorer;
let threaded: ThreadedSequenceScorer;
const warnings: string[] = [];

const NUM_ITEMS = 40;
/** A history of `length` items starting at `first`, each followed by the next (wrapping). */
const chain = (first: number, length: number) => Int32Array.from({ length }, (_, t) => ((first + t) % NUM_ITEMS) + 1);

beforeAll(async () => {
  ml = await import('@magpie/ml');
  await ml.initCompute({ backend: 'wasm' });
  const sequences = Array.from({ length: 64 }, (_, u) => chain(u * 3, 12));
  const { model } = await ml.fitSequenceModel({ numItems: NUM_ITEMS, sequences }, null, { kind: 'sasrec', numItems: NUM_ITEMS, dim: 16, maxLen: 10, blocks: 2, heads: 2, seed: 5 }, { epochs: 2, batchSize: 16 });
  bytes = await model.save();
  model.dispose();
  local = SequenceScorer.create(await ml.loadSequenceModel(bytes), { annThreshold: 1000, exactIndex: (set) => new ml.TfExactIndex(set) });
  threaded = await ThreadedSequenceScorer.start(bytes, { backend: 'wasm', annThreshold: 1000, warn: (m) => warnings.push(m) });
}, 120_000);

afterAll(() => {
  threaded?.dispose();
  local?.dispose();
});

const close = (a: ScoredHistory[], b: ScoredHistory[]) => {
  expect(b).toHaveLength(a.length);
  a.forEach((x, i) => {
    expect(Array.from(b[i].found)).toEqual(Array.from(x.found));
    for (const [p, q] of [[x.vector, b[i].vector], [x.weights, b[i].weights], [x.scores, b[i].scores]]) {
      expect(q).toHaveLength(p.length);
      p.forEach((v, k) => expect(q[k]).toBeCloseTo(v, 4));
    }
  });
};

describe('ThreadedSequenceScorer', () => {
  it('loads the model in its thread and reports its shape, embeddings and where it scores', () => {
    expect(threaded.config).toEqual(local.config);
    expect(Array.from(threaded.itemEmbeddings())).toEqual(Array.from(local.itemEmbeddings()));
    expect(threaded.description).toMatch(/^exact, wasm in a serving thread$/);
  });

  it('answers what scoring in this thread answers, for a mixed batch and for the same histories one event longer', async () => {
    const histories = [chain(0, 3), chain(5, 10), chain(9, 1), chain(20, 7)];
    close(local.score(histories, 12), await threaded.score(histories, 12));
    // One event more: each is encoded from the state remembered for its prefix (the 10-item history slides: in full).
    const longer = histories.map((h) => chain(h[0] - 1, Math.min(h.length + 1, 10)));
    close(local.score(longer, 12), await threaded.score(longer, 12));
  });

  it('scores concurrent calls independently', async () => {
    const calls = [[chain(1, 4)], [chain(2, 5), chain(3, 2)], [chain(30, 9)]];
    const answers = await Promise.all(calls.map((h) => threaded.score(h, 5)));
    calls.forEach((h, i) => close(local.score(h, 5), answers[i]));
  });

  it('fails the calls of a thread that dies, says so, and restarts it from the same bytes on the next call', async () => {
    const live = (threaded as unknown as { thread: { current: Worker } }).thread.current;
    const inFlight = threaded.score([chain(4, 6)], 5);
    await live.terminate();
    await expect(inFlight).rejects.toThrow(/serving thread exited/);
    expect(warnings.join('\n')).toMatch(/restarts on the next request/);
    close(local.score([chain(4, 6)], 5), await threaded.score([chain(4, 6)], 5));
  }, 60_000);

  it('refuses to score once disposed', async () => {
    const other = await ThreadedSequenceScorer.start(bytes, { backend: 'wasm', annThreshold: 1000 });
    other.dispose();
    await expect(other.score([chain(1, 2)], 3)).rejects.toThrow(/replaced/);
  }, 60_000);

  it('rejects bytes that are not a model, without leaving a thread behind', async () => {
    await expect(ThreadedSequenceScorer.start(new Uint8Array(16), { backend: 'wasm', annThreshold: 1000 })).rejects.toThrow(/serving thread/);
  }, 60_000);
});
