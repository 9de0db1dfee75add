import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import { makeBatch } from './batches';
import { drawNegatives, fullSoftmaxLoss, sampledSoftmaxLoss, seenItemScores } from './loss';

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

  it("scores each position's own earlier distinct items exactly, and still equals the full softmax with every item drawn", () => {
    // Two sequences, left-padded to length 4: [0, 3, 5, 3] → targets [5, 3, 2]; [1, 2, 4, 6] → [2, 4, 6, 1].
    const batch = makeBatch(
      [
        { input: Int32Array.of(3, 5, 3), target: Int32Array.of(5, 3, 2) },
        { input: Int32Array.of(1, 2, 4, 6), target: Int32Array.of(2, 4, 6, 1) },
      ],
      [0, 1],
    );
    const all = tf.tensor2d(Array.from({ length: 8 * 3 }, (_, i) => Math.cos(i * 0.7)), [8, 3]);
    const seen = seenItemScores(all, table(), batch);
    expect(seen.width).toBe(4);
    const validItems = (i: number) => Array.from(seen.items.subarray(i * 4, i * 4 + 4)).filter((_, j) => seen.valid[i * 4 + j] === 1);
    expect(validItems(0)).toEqual([3]); // position 1 of row 0 has seen item 3
    expect(validItems(1)).toEqual([5]); // position 2: 3 and 5 seen, 3 is the target
    expect(validItems(2)).toEqual([3, 5]); // position 3: the second 3 is not counted twice
    expect(validItems(6)).toEqual([2, 4, 6]); // row 1, last position: target 1 is excluded
    const scores = seen.scores.arraySync();
    const h = tf.gather(all, tf.tensor1d(batch.positions, 'int32')).arraySync();
    const e = table().arraySync();
    const dot = (a: number[], b: number[]) => a.reduce((acc, v, k) => acc + v * b[k], 0);
    expect(scores[2][1]).toBeCloseTo(dot(h[2], e[3]), 5);
    expect(scores[2][2]).toBeCloseTo(dot(h[2], e[5]), 5);

    const hidden = tf.gather(all, tf.tensor1d(batch.positions, 'int32')) as tf.Tensor2D;
    const every = Int32Array.from({ length: 6 }, (_, i) => i + 1);
    const withSeen = sampledSoftmaxLoss(hidden, table(), batch.targets, every, seen).dataSync()[0];
    const full = fullSoftmaxLoss(hidden, table(), batch.targets).dataSync()[0];
    expect(withSeen).toBeCloseTo(full, 4);
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
