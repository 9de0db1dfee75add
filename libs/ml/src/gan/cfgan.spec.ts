import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import { fitCfgan } from './cfgan';

/** Two groups of shoppers with disjoint tastes: items 0–9 and 10–19. */
function twoTastes(users: number, seed: number): { train: Int32Array[]; heldOut: number[] } {
  const random = createRandom(seed);
  const train: Int32Array[] = [];
  const heldOut: number[] = [];
  for (let u = 0; u < users; u++) {
    const base = u % 2 === 0 ? 0 : 10;
    const items = random.shuffle(Array.from({ length: 10 }, (_, i) => base + i)).slice(0, 5);
    train.push(Int32Array.from(items.slice(0, 4)));
    heldOut.push(items[4]);
  }
  return { train, heldOut };
}

describe('CFGAN', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  it('learns to score a shopper’s unseen items of their taste above the other taste, deterministically, without leaks', () => {
    const before = tf.memory().numTensors;
    const { train, heldOut } = twoTastes(80, 1);
    const fit = () => fitCfgan(train, { numItems: 20, hidden: 32, maskShare: 0.5, zeroReconShare: 0.5 }, { epochs: 60, batchSize: 16, learningRate: 0.005 });
    const { model, epochs } = fit();
    expect(epochs).toHaveLength(60);
    const scores = model.scores(train);
    let wins = 0;
    train.forEach((_, u) => {
      const other = u % 2 === 0 ? 15 : 5;
      if (scores[u * 20 + heldOut[u]] > scores[u * 20 + other]) wins++;
    });
    expect(wins / train.length).toBeGreaterThan(0.8);
    const again = fit();
    expect(Array.from(again.model.scores(train.slice(0, 2)))).toEqual(Array.from(scores.subarray(0, 40)));
    again.model.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
