import * as tf from '@tensorflow/tfjs';
import { initCompute } from '../compute/init-compute';
import { fitCfgan } from './cfgan';
import { loadCfganArtifact, saveCfganArtifact } from './cfgan-artifact';
import { fitVectorCfgan } from './vector-cfgan';

describe('CFGAN artifact', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  const histories = [Int32Array.from([0, 1, 2]), Int32Array.from([3, 4]), Int32Array.from([5, 6, 7, 8]), Int32Array.from([1, 9])];

  it('round-trips config, item ids and every generator weight: the loaded model scores identically, without leaks', async () => {
    const before = tf.memory().numTensors;
    const { model } = fitCfgan(histories, { numItems: 10, hidden: 8, seed: 5 }, { epochs: 3, batchSize: 2 });
    const itemIds = [101, 205, 307, 400, 512, 613, 777, 808, 909, 1000];
    const bytes = await saveCfganArtifact({ condition: 'interactions', model, itemIds });
    const loaded = await loadCfganArtifact(bytes);
    if (loaded.condition !== 'interactions') throw new Error('expected an interaction-conditioned generator');
    expect(loaded.itemIds).toEqual(itemIds);
    expect(loaded.model.config).toEqual(model.config);
    expect([...loaded.model.weights.keys()]).toEqual([...model.weights.keys()]);
    const original = model.scores(histories);
    expect(Array.from(loaded.model.scores(histories))).toEqual(Array.from(original));
    // Not a constant: the test would pass vacuously on a generator that ignores its condition.
    expect(new Set(Array.from(original).map((x) => x.toFixed(6))).size).toBeGreaterThan(10);
    loaded.model.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips a sequence-conditioned generator with its item vectors', async () => {
    const before = tf.memory().numTensors;
    const dim = 3;
    const items = Float32Array.from({ length: 10 * dim }, (_, i) => Math.sin(i));
    const conditions = Float32Array.from({ length: histories.length * dim }, (_, i) => Math.cos(i));
    const { model } = fitVectorCfgan(histories, { conditions, items, dim }, { numItems: 10, hidden: 8, seed: 5 }, { epochs: 3, batchSize: 2 });
    const itemIds = Array.from({ length: 10 }, (_, i) => 100 + i);
    const loaded = await loadCfganArtifact(await saveCfganArtifact({ condition: 'sequence', model, itemIds }));
    if (loaded.condition !== 'sequence') throw new Error('expected a sequence-conditioned generator');
    expect(loaded.itemIds).toEqual(itemIds);
    expect(loaded.model.config).toEqual(model.config);
    const original = model.scores(conditions);
    expect(Array.from(loaded.model.scores(conditions))).toEqual(Array.from(original));
    expect(new Set(Array.from(original).map((x) => x.toFixed(6))).size).toBeGreaterThan(10);
    loaded.model.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bytes of another format and an item id table of the wrong length', async () => {
    const { model } = fitCfgan(histories, { numItems: 10, hidden: 4 }, { epochs: 1 });
    await expect(saveCfganArtifact({ condition: 'interactions', model, itemIds: [1, 2, 3] })).rejects.toThrow(/3 item ids for 10 items/);
    const bytes = await saveCfganArtifact({ condition: 'interactions', model, itemIds: Array.from({ length: 10 }, (_, i) => i) });
    const corrupt = bytes.slice();
    corrupt[0] = 'X'.charCodeAt(0);
    await expect(loadCfganArtifact(corrupt)).rejects.toThrow(/bad magic bytes/);
    await expect(loadCfganArtifact(bytes.subarray(0, bytes.length - 8))).rejects.toThrow(/bytes, expected/);
    model.dispose();
  });
});
