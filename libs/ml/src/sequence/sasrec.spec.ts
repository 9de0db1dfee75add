import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import { resolveSequenceConfig } from './defaults';
import { noDropout } from './dropout';
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
});
