import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import { fitVectorCfgan } from './vector-cfgan';

/**
 * Two tastes (items 0–9 and 10–19) whose item vectors sit around two directions, and condition vectors
 * that point elsewhere (one per taste, plus noise): at the start the generator's scores ⟨u, e_j⟩ say
 * nothing about taste; it has to learn to move u towards its taste's items.
 */
function toyWorld(users: number, seed: number) {
  const random = createRandom(seed);
  const dim = 6;
  const direction = (axis: number) => Float32Array.from({ length: dim }, (_, d) => (d === axis ? 1 : 0));
  const noisy = (v: Float32Array, scale: number) => Float32Array.from(v, (x) => x + random.normal() * scale);
  const items = new Float32Array(20 * dim);
  for (let j = 0; j < 20; j++) items.set(noisy(direction(j < 10 ? 0 : 1), 0.3), j * dim);
  const conditions = new Float32Array(users * dim);
  const train: Int32Array[] = [];
  const heldOut: number[] = [];
  for (let u = 0; u < users; u++) {
    const taste = u % 2;
    conditions.set(noisy(direction(taste === 0 ? 2 : 3), 0.1), u * dim);
    const picked = random.shuffle(Array.from({ length: 10 }, (_, i) => taste * 10 + i)).slice(0, 5);
    train.push(Int32Array.from(picked.slice(0, 4)));
    heldOut.push(picked[4]);
  }
  return { space: { conditions, items, dim }, train, heldOut };
}

/** Share of (shopper, other-taste item) pairs where the shopper's held-out item scores higher. */
function winShare(scores: Float32Array, heldOut: number[]): number {
  let wins = 0;
  heldOut.forEach((item, u) => {
    const other = u % 2 === 0 ? 10 : 0;
    for (let j = other; j < other + 10; j++) if (scores[u * 20 + item] > scores[u * 20 + j]) wins++;
  });
  return wins / (10 * heldOut.length);
}

describe('CFGAN conditioned on vectors', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  it('learns to move each shopper’s vector towards their taste’s items, deterministically, without leaks', () => {
    const before = tf.memory().numTensors;
    const { space, train, heldOut } = toyWorld(80, 1);
    const config = { numItems: 20, hidden: 16, maskShare: 0.5, zeroReconShare: 0.5, zeroReconWeight: 1 };
    const options = { batchSize: 16, learningRate: 0.01 };
    const start = fitVectorCfgan(train, space, config, { ...options, epochs: 0 });
    const initial = winShare(start.model.scores(space.conditions), heldOut);
    const fit = () => fitVectorCfgan(train, space, config, { ...options, epochs: 40 });
    const { model, epochs } = fit();
    expect(epochs).toHaveLength(40);
    const scores = model.scores(space.conditions);
    expect(initial).toBeLessThan(0.7);
    expect(winShare(scores, heldOut)).toBeGreaterThan(0.9);
    const again = fit();
    expect(Array.from(again.model.scores(space.conditions.subarray(0, 12)))).toEqual(Array.from(scores.subarray(0, 40)));
    for (const m of [start.model, model, again.model]) m.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
