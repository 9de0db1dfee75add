import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import { drawNegatives, fullSoftmaxLoss, sampledSoftmaxLoss } from './loss';

describe('next-item losses', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  const table = () => tf.tensor2d(Array.from({ length: 7 * 3 }, (_, i) => (i < 3 ? 0 : Math.sin(i * 1.7))), [7, 3]);
  const hidden = () => tf.tensor2d([0.5, -1, 2, 1, 1, 0, -0.3, 0.2, 0.9], [3, 3]);
  const targets = Int32Array.of(2, 6, 1);

  it('full softmax: mean −log p(target) over items 1..V (padding excluded)', () => {
    const loss = tf.tidy(() => fullSoftmaxLoss(hidden(), table(), targets).dataSync()[0]);
    const expected = tf.tidy(() => {
      const logits = tf.matMul(hidden(), tf.slice(table(), [1, 0], [6, 3]), false, true);
      return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(Array.from(targets, (t) => t - 1), 'int32'), 6), logits).dataSync()[0];
    });
    expect(loss).toBeCloseTo(expected, 5);
  });

  it('sampled softmax with every item drawn once equals the full softmax (log-Q correction, accidental hits masked)', () => {
    const all = Int32Array.from({ length: 6 }, (_, i) => i + 1);
    const sampled = tf.tidy(() => sampledSoftmaxLoss(hidden(), table(), targets, all).dataSync()[0]);
    const full = tf.tidy(() => fullSoftmaxLoss(hidden(), table(), targets).dataSync()[0]);
    expect(sampled).toBeCloseTo(full, 4);
  });

  it('draws shared negatives uniformly from 1..V under a seed', () => {
    const drawn = drawNegatives(3000, 6000, createRandom(3));
    expect(drawn).toHaveLength(3000);
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...drawn)).toBeLessThanOrEqual(6000);
    const mean = drawn.reduce((a, b) => a + b, 0) / drawn.length;
    expect(Math.abs(mean - 3000.5)).toBeLessThan(150);
    expect(Array.from(drawNegatives(10, 6000, createRandom(3)))).toEqual(Array.from(drawn.subarray(0, 10)));
    expect(drawNegatives(50, 6, createRandom(3))).toHaveLength(6); // never more negatives than items
  });
});
