import * as tf from '@tensorflow/tfjs';
import { initCompute } from '../compute/init-compute';
import type { ContentItem } from './content-types';
import { fitContentEncoder, type QueryItemPair } from './fit-content-encoder';
import { loadContentEncoder, saveContentEncoder } from './serialize-content';

const kinds = ['drill', 'hammer', 'faucet', 'shower', 'lamp', 'paint', 'ladder', 'saw'];
const brands = ['acme', 'bolt', 'crest', 'delta'];
const items: ContentItem[] = kinds.flatMap((kind, k) =>
  brands.map((brand, b) => ({ key: k * 4 + b + 1, tokens: [brand, kind, `model${k}${b}`], attributes: [`brand:${brand}`], numeric: { price: 10 + k * 5 + b } })),
);
// Shoppers say "tool" for drills and saws, "bath" for faucets and showers: words not in the titles.
const synonyms: Record<string, string> = { drill: 'tool', saw: 'tool', faucet: 'bath', shower: 'bath', lamp: 'light' };
const pairs: QueryItemPair[] = items.flatMap((item) => {
  const word = synonyms[item.tokens[1]];
  return word ? [{ query: [word, item.tokens[0]], key: item.key, weight: 2 }] : [];
});

describe('content encoder', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  it('learns query words that never occur in titles, deterministically under a seed, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const fit = () => fitContentEncoder({ items, pairs, options: { epochs: 25, batchSize: 16, learningRate: 0.01, minWordCount: 1, seed: 3 } });
    const { encoder, history } = await fit();
    expect(history[history.length - 1].loss).toBeLessThan(history[0].loss);
    const vectors = encoder.encodeItems(items);
    const query = encoder.encodeQueries([['bath', 'crest']]);
    const scores = items.map((_, i) => vectors.subarray(i * 64, (i + 1) * 64).reduce((s, v, d) => s + v * query[d], 0));
    const best = items[scores.indexOf(Math.max(...scores))];
    expect(['faucet', 'shower']).toContain(best.tokens[1]);
    expect(best.tokens[0]).toBe('crest');
    // Unit length: cosine is the dot product.
    expect(query.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 4);
    const again = await fit();
    expect(Array.from(again.encoder.encodeQueries([['bath', 'crest']]))).toEqual(Array.from(query));
    again.encoder.dispose();
    encoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('keeps the epoch with the best validation metric', async () => {
    const metrics = [0.1, 0.5, 0.2];
    let snapshot: Float32Array | null = null;
    let calls = 0;
    const { encoder, history, kept } = await fitContentEncoder({
      items, pairs, options: { epochs: 3, batchSize: 16, minWordCount: 1, averageDecay: 0 },
      validate: (current) => {
        if (calls === 1) snapshot = current.encodeQueries([['tool']]);
        return metrics[calls++];
      },
    });
    expect(history.map((h) => h.metric)).toEqual(metrics);
    expect(history.every((h) => h.averageMetric === undefined)).toBe(true);
    expect(kept).toEqual({ epoch: 2, averaged: false, metric: 0.5 });
    expect(Array.from(encoder.encodeQueries([['tool']]))).toEqual(Array.from(snapshot as unknown as Float32Array));
    encoder.dispose();
  }, 30_000);

  it('with averaging validates the raw and the averaged weights every epoch and keeps the best of all', async () => {
    // Validation order per epoch: raw, averaged. The average of epoch 2 (call 3) scores best.
    const metrics = [0.1, 0.2, 0.3, 0.6, 0.4, 0.5];
    const seen: Float32Array[] = [];
    let calls = 0;
    const { encoder, history, kept } = await fitContentEncoder({
      items, pairs, options: { epochs: 3, batchSize: 16, minWordCount: 1, averageDecay: 0.9 },
      validate: (current) => {
        seen.push(current.encodeQueries([['tool']]));
        return metrics[calls++];
      },
    });
    expect(history.map((h) => [h.metric, h.averageMetric])).toEqual([[0.1, 0.2], [0.3, 0.6], [0.4, 0.5]]);
    expect(kept).toEqual({ epoch: 2, averaged: true, metric: 0.6 });
    const final = Array.from(encoder.encodeQueries([['tool']]));
    expect(final).toEqual(Array.from(seen[3]));
    expect(final).not.toEqual(Array.from(seen[2])); // the average is not the raw weights
    encoder.dispose();
  }, 30_000);

  it('averaging never feeds back into training, and without a validation metric the raw weights are kept', async () => {
    const fit = (averageDecay: number, validate?: () => number) =>
      fitContentEncoder({ items, pairs, options: { epochs: 2, batchSize: 16, minWordCount: 1, averageDecay }, validate });
    const raw = await fit(0);
    const averaged = await fit(0.9, () => 0);
    const unvalidated = await fit(0.9);
    expect(averaged.history.map((h) => h.loss)).toEqual(raw.history.map((h) => h.loss));
    expect(Array.from(unvalidated.encoder.encodeQueries([['tool']]))).toEqual(Array.from(raw.encoder.encodeQueries([['tool']])));
    expect(unvalidated.kept).toBeNull();
    for (const fitted of [raw, averaged, unvalidated]) fitted.encoder.dispose();
  }, 60_000);

  it('saves and loads to the same vectors (vocabulary, hashing and numeric statistics travel with the weights)', async () => {
    const { encoder } = await fitContentEncoder({ items, pairs, options: { epochs: 2, batchSize: 16, minWordCount: 1 } });
    const loaded = await loadContentEncoder(await saveContentEncoder(encoder));
    expect(Array.from(loaded.encodeItems(items.slice(0, 3)))).toEqual(Array.from(encoder.encodeItems(items.slice(0, 3))));
    expect(Array.from(loaded.encodeQueries([['tool', 'unseenword']]))).toEqual(Array.from(encoder.encodeQueries([['tool', 'unseenword']])));
    await expect(loadContentEncoder(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).rejects.toThrow(/bad magic/);
    loaded.dispose();
    encoder.dispose();
  }, 30_000);
});

describe('content encoder with hard negatives', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  it('also scores each pair’s drawn hard negative, learns, and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    // Hard negatives: same brand, another kind (what a keyword match on the brand would bring).
    const withNegatives = pairs.map((p) => ({ ...p, negatives: items.filter((i) => i.tokens[0] === p.query[1] && !synonyms[i.tokens[1]]).map((i) => i.key) }));
    const { encoder, history } = await fitContentEncoder({ items, pairs: withNegatives, options: { epochs: 12, batchSize: 16, learningRate: 0.01, minWordCount: 1, seed: 3 } });
    expect(history[history.length - 1].loss).toBeLessThan(history[0].loss);
    const vectors = encoder.encodeItems(items);
    const query = encoder.encodeQueries([['tool', 'acme']]);
    const score = (key: number) => vectors.subarray((key - 1) * 64, key * 64).reduce((s, v, d) => s + v * query[d], 0);
    const acme = items.filter((i) => i.tokens[0] === 'acme');
    const tools = acme.filter((i) => synonyms[i.tokens[1]] === 'tool').map((i) => score(i.key));
    const others = acme.filter((i) => !synonyms[i.tokens[1]]).map((i) => score(i.key));
    expect(Math.min(...tools)).toBeGreaterThan(Math.max(...others));
    encoder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
