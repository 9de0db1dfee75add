import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import { makeBatch, trainingExamples } from './batches';
import { resolveSequenceConfig, resolveTrainOptions } from './defaults';
import { TfSequenceEncoder } from './encoder';
import { fitSequenceModel } from './fit';
import { LocalStepRunner } from './local-trainer';
import { loadSequenceModel } from './load';
import { successorTask } from './test-data';
import type { SequenceModelKind } from './types';
import { initialWeights, toVariables } from './weights';

const small = { dim: 16, blocks: 1, heads: 2, innerDim: 32, maxLen: 8, dropout: 0.1, attentionDropout: 0.1 };
const kinds: Array<[SequenceModelKind, 'ce' | 'sampled']> = [
  ['sasrec', 'sampled'],
  ['gru4rec', 'ce'],
];

describe.each(kinds)('%s (learning with %s loss)', (kind, loss) => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  const task = successorTask(30, 60, 10);

  it('learns a next-item task (i → i + 1) to a high full-ranking HR@10 within a few seconds', async () => {
    const result = await fitSequenceModel(task.train, task.valid, { kind, numItems: 30, ...small, dim: 32, seed: 3 }, { epochs: 30, batchSize: 16, learningRate: 0.01, patience: 5, loss, negatives: 10 });
    const best = result.epochs.find((e) => e.epoch === result.bestEpoch);
    expect(best?.valid?.['hr@10']).toBeGreaterThanOrEqual(0.9);
    expect(result.epochs[result.epochs.length - 1].loss).toBeLessThan(result.epochs[0].loss);
    expect(result.backend).toBe('wasm');
    expect(result.sequencesPerSecond).toBeGreaterThan(0);
    // The kept weights are the best epoch's: validating them again gives the best epoch's numbers.
    const vectors = result.model.encode(task.valid.histories);
    expect(vectors).toHaveLength(60 * 32);
    result.model.dispose();
  }, 30_000);

  it('encodes to n × dim vectors, exposes (V + 1) × dim item embeddings and explains with weights summing to 1', async () => {
    const { model } = await fitSequenceModel(task.train, null, { kind, numItems: 30, ...small }, { epochs: 1, batchSize: 32 });
    const histories = [Int32Array.of(1, 2, 3), Int32Array.of(5), Int32Array.from({ length: 20 }, (_, i) => (i % 30) + 1), Int32Array.of()];
    expect(model.encode(histories)).toHaveLength(4 * 16);
    expect(model.itemEmbeddings()).toHaveLength(31 * 16);
    const explained = model.explain(Int32Array.from({ length: 12 }, (_, i) => i + 1));
    expect(explained.weights).toHaveLength(8); // the last maxLen items as read
    expect(explained.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Array.from(explained.vector)).toEqual(Array.from(model.encode([Int32Array.from({ length: 12 }, (_, i) => i + 1)])));
    // Unknown items (0, out of range) are ignored, not errors.
    expect(Array.from(model.encode([Int32Array.of(0, 99, 3)]))).toEqual(Array.from(model.encode([Int32Array.of(3)])));
    model.dispose();
  });

  it('encodes a history the same alone or padded beside a longer one (padding is masked)', async () => {
    const { model } = await fitSequenceModel(task.train, null, { kind, numItems: 30, ...small }, { epochs: 1, batchSize: 32 });
    const short = Int32Array.of(4, 5, 6);
    const alone = model.encode([short]);
    const padded = model.encode([short, Int32Array.from({ length: 8 }, (_, i) => i + 10)]).subarray(0, 16);
    alone.forEach((v, i) => expect(padded[i]).toBeCloseTo(v, 5));
    model.dispose();
  });

  it('repeats exactly under the same seed and differs under another', async () => {
    const fit = async (seed: number) => {
      const { model } = await fitSequenceModel(task.train, null, { kind, numItems: 30, ...small, seed }, { epochs: 2, batchSize: 16 });
      const out = model.encode(task.valid.histories.slice(0, 5));
      model.dispose();
      return Array.from(out);
    };
    const a = await fit(11);
    expect(await fit(11)).toEqual(a);
    expect(await fit(12)).not.toEqual(a);
  });

  it('with Polyak averaging validates and keeps the average, while training follows the raw weights', async () => {
    const fit = (averageDecay: number) =>
      fitSequenceModel(task.train, task.valid, { kind, numItems: 30, ...small, seed: 5 }, { epochs: 3, batchSize: 16, learningRate: 0.01, patience: 10, loss, negatives: 10, averageDecay });
    const raw = await fit(0);
    const averaged = await fit(0.9);
    expect(averaged.epochs.map((e) => e.loss)).toEqual(raw.epochs.map((e) => e.loss)); // the average never feeds back
    expect(averaged.epochs.map((e) => e.valid?.['ndcg@10'])).not.toEqual(raw.epochs.map((e) => e.valid?.['ndcg@10']));
    expect(averaged.model.itemEmbeddings()).not.toEqual(raw.model.itemEmbeddings());
    raw.model.dispose();
    averaged.model.dispose();
  });

  it('saves to bytes and loads back an identical model', async () => {
    const { model } = await fitSequenceModel(task.train, null, { kind, numItems: 30, ...small }, { epochs: 1, batchSize: 32 });
    const bytes = await model.save();
    const loaded = await loadSequenceModel(bytes);
    expect(loaded.config).toEqual(model.config);
    expect(Array.from(loaded.encode(task.valid.histories))).toEqual(Array.from(model.encode(task.valid.histories)));
    expect(Array.from(loaded.itemEmbeddings())).toEqual(Array.from(model.itemEmbeddings()));
    expect(Array.from(await loaded.save())).toEqual(Array.from(bytes));
    await expect(loadSequenceModel(bytes.subarray(0, 20))).rejects.toThrow();
    // bytes that are a view into a larger buffer (a Node Buffer read from a file or a bytea column)
    const framed = new Uint8Array(bytes.length + 16);
    framed.set(bytes, 7);
    const fromView = await loadSequenceModel(Buffer.from(framed.buffer, 7, bytes.length));
    expect(Array.from(fromView.itemEmbeddings())).toEqual(Array.from(model.itemEmbeddings()));
    model.dispose();
    loaded.dispose();
    fromView.dispose();
  });

  it('explains a batch of histories of different lengths exactly as one by one, in one pass', async () => {
    const { model } = await fitSequenceModel(task.train, null, { kind, numItems: 30, ...small }, { epochs: 1, batchSize: 32 });
    const histories = [Int32Array.of(4, 5, 6), Int32Array.of(9), Int32Array.from({ length: 12 }, (_, i) => i + 1), Int32Array.of(0, 7, 8)];
    const together = model.explainMany(histories);
    histories.forEach((h, i) => {
      const alone = model.explain(h);
      expect(together[i].weights).toHaveLength(alone.weights.length);
      alone.weights.forEach((w, j) => expect(together[i].weights[j]).toBeCloseTo(w, 4));
      alone.vector.forEach((v, j) => expect(together[i].vector[j]).toBeCloseTo(v, 4));
    });
    expect(together[1].weights).toEqual(Float32Array.of(1));
    expect(together[3].weights).toHaveLength(2); // the unknown 0 is not read
    model.dispose();
  });

  it('leaks no tensors across training steps, encode and explain', async () => {
    const config = resolveSequenceConfig({ kind, numItems: 30, ...small });
    const weights = toVariables(initialWeights(config, createRandom(1)));
    const model = new TfSequenceEncoder(config, weights);
    const examples = trainingExamples(task.train.sequences, config.maxLen, 30);
    const batch = makeBatch(examples, [0, 1, 2, 3, 4]);
    for (const loss of ['ce', 'sampled'] as const) {
      const runner = new LocalStepRunner(config, resolveTrainOptions({ loss, negatives: 8, weightDecay: 1e-4 }), weights, createRandom(2));
      const before = tf.memory().numTensors;
      runner.stepSync(batch);
      runner.stepSync(batch);
      model.encode(task.valid.histories);
      model.explain(task.valid.histories[0]);
      model.explainMany(task.valid.histories.slice(0, 5));
      model.itemEmbeddings();
      expect(tf.memory().numTensors).toBe(before);
    }
    const beforeFit = tf.memory().numTensors;
    const { model: fitted } = await fitSequenceModel(task.train, task.valid, { kind, numItems: 30, ...small }, { epochs: 2, batchSize: 32, averageDecay: 0.9 });
    fitted.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(beforeFit - weights.size);
  });

  it('stops between batches when asked and keeps a usable model', async () => {
    let calls = 0;
    const result = await fitSequenceModel(task.train, task.valid, { kind, numItems: 30, ...small }, { epochs: 50, batchSize: 8 }, { shouldStop: () => ++calls > 3 });
    expect(result.epochs.length).toBeLessThanOrEqual(1);
    expect(result.model.encode([Int32Array.of(1, 2)])).toHaveLength(16);
    result.model.dispose();
  });
});
