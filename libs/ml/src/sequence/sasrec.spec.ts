import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import { resolveSequenceConfig } from './defaults';
import { noDropout } from './dropout';
import { TfSequenceEncoder } from './encoder';
import { padLeft } from './padding';
import { positionIds, sasrecForward } from './sasrec';
import { initialWeights, toVariables } from './weights';

describe('SASRec positions', () => {
  it("count from each row's oldest item, padding at 0, capped at maxLen − 1", () => {
    const ids = Int32Array.of(0, 0, 7, 8, /* row 2 */ 1, 2, 3, 4);
    expect(Array.from(positionIds({ ids, rows: 2, length: 4 }, 50))).toEqual([0, 0, 0, 1, 0, 1, 2, 3]);
    expect(Array.from(positionIds({ ids: Int32Array.of(1, 2, 3), rows: 1, length: 3 }, 2))).toEqual([0, 1, 1]);
  });
});

describe('SASRec forward pass', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  it('computes, with newestOnly, exactly the newest position of the full pass (state and last attention row)', () => {
    const config = resolveSequenceConfig({ kind: 'sasrec', numItems: 20, dim: 16, heads: 2, blocks: 2, innerDim: 32, maxLen: 8 });
    const weights = toVariables(initialWeights(config, createRandom(4)));
    const batch = padLeft([Int32Array.of(3, 4, 5, 6, 7), Int32Array.of(9, 2), Int32Array.of(11)]);
    const T = batch.length;
    const before = tf.memory().numTensors;
    const [full, fullAttention, newest, newestAttention] = tf.tidy(() => {
      const all = sasrecForward(config, weights, batch, noDropout);
      const last = sasrecForward(config, weights, batch, noDropout, { newestOnly: true });
      return [
        tf.slice(tf.reshape(all.hidden, [3, T, 16]), [0, T - 1, 0], [3, 1, 16]).reshape([3, 16]),
        tf.slice(all.lastAttention, [0, 0, T - 1, 0], [3, 2, 1, T]),
        last.hidden,
        last.lastAttention,
      ].map((t) => t.arraySync() as unknown as number[]);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(newest.flat(3).length).toBe(3 * 16);
    (newest.flat(3) as number[]).forEach((v, i) => expect(v).toBeCloseTo((full.flat(3) as number[])[i], 5));
    (newestAttention.flat(3) as number[]).forEach((v, i) => expect(v).toBeCloseTo((fullAttention.flat(3) as number[])[i], 6));
    for (const v of weights.values()) v.dispose();
  });

  it.each([1, 2, 3])('explains a history one item longer from its prefix state as the full pass does (%i blocks), in mixed batches', (blocks) => {
    const config = resolveSequenceConfig({ kind: 'sasrec', numItems: 20, dim: 16, heads: 2, blocks, innerDim: 32, maxLen: 8 });
    const encoder = new TfSequenceEncoder(config, toVariables(initialWeights(config, createRandom(5))));
    const histories = [Int32Array.of(3, 4, 5, 6, 7), Int32Array.of(9, 2), Int32Array.of(11), Int32Array.of(1, 2, 3, 4, 5, 6, 7)];
    const first = encoder.explainExtending(histories, histories.map(() => null));
    const longer = histories.map((h, i) => Int32Array.from([...h, 12 + i]));
    // Row 3 gets a state of the wrong length (ignored: computed in full); the others extend their prefix.
    const prefixes = first.map((e, i) => (i === 3 ? first[0].state : e.state));
    const before = tf.memory().numTensors;
    const extended = encoder.explainExtending(longer, prefixes);
    expect(tf.memory().numTensors).toBe(before);
    const full = encoder.explainMany(longer);
    const fresh = encoder.explainExtending(longer, longer.map(() => null));
    extended.forEach((e, i) => {
      e.vector.forEach((v, k) => expect(v).toBeCloseTo(full[i].vector[k], 4));
      e.weights.forEach((w, k) => expect(w).toBeCloseTo(full[i].weights[k], 5));
      expect(e.state.length).toBe(longer[i].length);
      e.state.values.forEach((v, k) => expect(v).toBeCloseTo(fresh[i].state.values[k], 4));
    });
    expect(first.map((e) => e.state.values.length)).toEqual(histories.map((h) => (blocks - 1) * h.length * 16));
    if (blocks > 1) {
      // The state is really what the newest position is computed from: a wrong one of the right size changes the answer.
      const zeros = { length: histories[0].length, values: new Float32Array(first[0].state.values.length) };
      const [wrong] = encoder.explainExtending([longer[0]], [zeros]);
      expect(Math.max(...wrong.vector.map((v, k) => Math.abs(v - full[0].vector[k])))).toBeGreaterThan(1e-3);
    }
    encoder.dispose();
  });
});
