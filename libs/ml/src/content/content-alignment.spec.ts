import * as tf from '@tensorflow/tfjs';
import { applyLinearMap, createRandom, fitRidge } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import type { ContentItem } from './content-types';
import { fitContentEncoder } from './fit-content-encoder';

// Two behaviour clusters whose content differs only in words: "garden" items are bought together with
// each other, "kitchen" items with each other. Item 12 (a garden item) has no behaviour target (cold).
const words = { garden: ['hose', 'rake', 'spade', 'seed', 'mower', 'shears'], kitchen: ['pan', 'whisk', 'kettle', 'ladle', 'grater', 'mixer'] };
const items: ContentItem[] = [
  ...words.garden.map((w, i) => ({ key: i + 1, tokens: ['outdoor', w, `g${i}`], attributes: ['category:garden'] })),
  ...words.kitchen.map((w, i) => ({ key: i + 7, tokens: ['indoor', w, `k${i}`], attributes: ['category:kitchen'] })),
  { key: 13, tokens: ['outdoor', 'trowel'], attributes: ['category:garden'] },
];
const random = createRandom(11);
const centre = { garden: Float32Array.from({ length: 8 }, () => random.normal()), kitchen: Float32Array.from({ length: 8 }, () => random.normal()) };
const targets = new Map<number, Float32Array>(
  items.filter((i) => i.key !== 13).map((i) => [i.key, (i.key <= 6 ? centre.garden : centre.kitchen).map((v) => v + 0.1 * random.normal())]),
);
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, d) => s + v * b[d], 0);
const config = { dim: 16, channels: 16, outDim: 16, attributeBuckets: 64, attributeDim: 4, text: { buckets: 256 } };

describe('content alignment', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  it('puts a cold item near the behaviour of items with similar content, deterministically, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const fit = () =>
      fitContentEncoder({ items, pairs: [], config, options: { epochs: 30, batchSize: 16, learningRate: 0.01, minWordCount: 1, seed: 5 }, align: { targets, weight: 1 } });
    const { encoder, history } = await fit();
    expect(history[history.length - 1].loss).toBeLessThan(history[0].loss);
    const vectors = encoder.encodeItems(items);
    const row = (k: number) => vectors.subarray(k * 16, (k + 1) * 16);
    // The cold garden item is closer (content cosine, on average) to garden items than to kitchen items.
    const cold = row(12);
    const mean = (ks: number[]) => ks.reduce((s, k) => s + dot(cold, row(k)), 0) / ks.length;
    const garden = mean([0, 1, 2, 3, 4, 5]);
    const kitchen = mean([6, 7, 8, 9, 10, 11]);
    expect(garden).toBeGreaterThan(kitchen);
    // Mapped into the behaviour space (ridge on the warm items), the cold item ranks among the garden
    // items for a shopper whose vector is the garden centre: above every kitchen item.
    const warm = items.slice(0, 12);
    const x = new Float32Array(12 * 16);
    const y = new Float32Array(12 * 8);
    warm.forEach((item, r) => {
      x.set(row(r), r * 16);
      y.set(targets.get(item.key) as Float32Array, r * 8);
    });
    const mapped = applyLinearMap(fitRidge({ x, y, rows: 12, inputs: 16, outputs: 8, alpha: 0.1 }), cold, 1);
    const kitchenScore = Math.max(...warm.slice(6).map((item) => dot(targets.get(item.key) as Float32Array, centre.garden)));
    expect(dot(mapped, centre.garden)).toBeGreaterThan(kitchenScore);
    const again = await fit();
    expect(Array.from(again.encoder.encodeItems(items.slice(12)))).toEqual(Array.from(cold));
    again.encoder.dispose();
    encoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);

  it('changes nothing when not asked for', async () => {
    const plain = () => fitContentEncoder({ items, pairs: [], config, options: { epochs: 2, batchSize: 16, minWordCount: 1, seed: 5 } });
    const a = await plain();
    const b = await plain();
    expect(Array.from(a.encoder.encodeItems(items))).toEqual(Array.from(b.encoder.encodeItems(items)));
    const aligned = await fitContentEncoder({ items, pairs: [], config, options: { epochs: 2, batchSize: 16, minWordCount: 1, seed: 5 }, align: { targets } });
    expect(Array.from(aligned.encoder.encodeItems(items))).not.toEqual(Array.from(a.encoder.encodeItems(items)));
    for (const fitted of [a, b, aligned]) fitted.encoder.dispose();
  }, 30_000);
});
