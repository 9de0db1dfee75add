import * as tf from '@tensorflow/tfjs';
import { initCompute } from '../compute/init-compute';
import { linearSegmentSumKernel } from '../compute/wasm-kernels';
import { itemLogits } from '../sequence/loss';
import { fastTanh, gelu, logSigmoid } from './activations';
import { conv1dBySlices } from './conv1d';
import { gatherRows } from './embedding';
import { batchMatMul, matMul2d } from './matmul';
import { softmaxCrossEntropy } from './softmax-cross-entropy';

type Arrays = number[][];

/** Runs `f` on a backend and returns its tensors as plain arrays. */
async function on(backend: 'cpu' | 'wasm', f: () => tf.Tensor[]): Promise<Arrays> {
  await tf.setBackend(backend);
  return tf.tidy(() => f().map((t) => Array.from(t.dataSync())));
}

function expectClose(actual: Arrays, expected: Arrays, tolerance = 1e-4) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) => {
    expect(a.length).toBe(expected[i].length);
    a.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected[i][j]))));
  });
}

/** Deterministic test values in [−1, 1). */
const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.sin(seed * 97.13 + i * 12.9898) % 1);

describe('WASM training fixes match the plain JS backend', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });
  afterAll(async () => {
    await tf.setBackend('wasm');
  });

  it('gatherRows: values and a scatter-summed gradient with repeated indices', async () => {
    const run = (mine: boolean) => () => {
      const table = tf.tensor2d(values(7 * 3, 1), [7, 3]);
      const idx = tf.tensor1d([2, 5, 2, 0, 2], 'int32');
      const weight = tf.tensor2d(values(5 * 3, 2), [5, 3]);
      const f = (t: tf.Tensor) => tf.sum(tf.mul(mine ? gatherRows(t as tf.Tensor2D, idx) : tf.gather(t, idx), weight));
      const { value, grad } = tf.valueAndGrad(f)(table);
      return [value, grad, mine ? gatherRows(table, idx) : tf.gather(table, idx)];
    };
    const reference = await on('cpu', run(false));
    expectClose(await on('wasm', run(true)), reference);
    expectClose(await on('cpu', run(true)), reference);
    // Row 2 was picked three times: its gradient is the sum of three weight rows.
    expect(reference[1][6]).toBeCloseTo(values(15, 2)[0] + values(15, 2)[6] + values(15, 2)[12], 5);
  });

  it('the linear-time UnsortedSegmentSum kernel makes stock tf.gather trainable on WASM', async () => {
    expect(tf.getKernel(tf.UnsortedSegmentSum, 'wasm')).toBe(linearSegmentSumKernel);
    const run = () => {
      const x = tf.tensor2d(values(6 * 4, 3), [6, 4]);
      const ids = tf.tensor1d([3, 0, 3, 9, 1, 0], 'int32');
      const table = tf.tensor2d(values(10 * 2, 4), [10, 2]);
      const g = tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tf.tensor1d([1, 1, 4], 'int32')))))(table);
      return [tf.unsortedSegmentSum(x, ids, 10), g];
    };
    expectClose(await on('wasm', run), await on('cpu', run));
  });

  it('tf.clone on WASM shares memory safely: the clone outlives its source, tensor counts stay exact', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const source = tf.tensor1d([1, 2, 3]);
    const copy = tf.clone(source);
    source.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2, 3]);
    copy.dispose();
    expect(tf.memory().numTensors).toBe(before);
    // Gradients through clone (autodiff saves clones) are unchanged.
    const g = tf.tidy(() => Array.from(tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.clone(x))))(tf.tensor1d([1, -2])).dataSync()));
    expect(g).toEqual([2, -4]);
  });

  it('matMul2d and batchMatMul: gradients without transpose flags equal tf.matMul gradients', async () => {
    const run = (mine: boolean) => () => {
      const a = tf.tensor2d(values(5 * 4, 5), [5, 4]);
      const b = tf.tensor2d(values(4 * 3, 6), [4, 3]);
      const w = tf.tensor2d(values(5 * 3, 7), [5, 3]);
      const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mine ? matMul2d(x as tf.Tensor2D, y as tf.Tensor2D) : tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D), w)))([a, b]);
      const p = tf.tensor3d(values(2 * 3 * 4, 8), [2, 3, 4]);
      const q = tf.tensor3d(values(2 * 4 * 5, 9), [2, 4, 5]);
      const u = tf.tensor3d(values(2 * 3 * 5, 10), [2, 3, 5]);
      const [gp, gq] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mine ? batchMatMul(x as tf.Tensor3D, y as tf.Tensor3D) : tf.matMul(x as tf.Tensor3D, y as tf.Tensor3D), u)))([p, q]);
      return [ga, gb, gp, gq];
    };
    const reference = await on('cpu', run(false));
    expectClose(await on('wasm', run(true)), reference);
  });

  it('itemLogits (scores against all items): value and gradients equal h·eᵀ by autodiff', async () => {
    const run = (mine: boolean) => () => {
      const h = tf.tensor2d(values(4 * 3, 11), [4, 3]);
      const e = tf.tensor2d(values(6 * 3, 12), [6, 3]);
      const w = tf.tensor2d(values(4 * 6, 13), [4, 6]);
      const f = (x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(mine ? itemLogits(x as tf.Tensor2D, y as tf.Tensor2D) : tf.matMul(x as tf.Tensor2D, y as tf.Tensor2D, false, true), w));
      return tf.grads(f)([h, e]);
    };
    expectClose(await on('wasm', run(true)), await on('cpu', run(false)));
  });

  it('softmaxCrossEntropy: value and gradient equal tf.losses.softmaxCrossEntropy', async () => {
    const targets = [2, 0, 4];
    const run = (mine: boolean) => () => {
      const logits = tf.tensor2d(values(3 * 5, 14).map((v) => v * 6), [3, 5]);
      const f = (z: tf.Tensor) =>
        mine ? softmaxCrossEntropy(z as tf.Tensor2D, tf.tensor1d(targets, 'int32')) : tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(targets, 'int32'), 5), z);
      const { value, grad } = tf.valueAndGrad(f)(logits);
      return [value, grad];
    };
    expectClose(await on('wasm', run(true)), await on('cpu', run(false)));
  });

  it('logSigmoid as −softplus(−x): values and gradient of tf.logSigmoid, also on intermediate tensors', async () => {
    const run = (mine: boolean) => () => {
      const x = tf.tensor1d([-30, -2, -0.5, 0, 0.7, 3, 40]);
      const f = (t: tf.Tensor) => tf.sum(mine ? logSigmoid(tf.mul(t, 1)) : tf.logSigmoid(t));
      const { value, grad } = tf.valueAndGrad(f)(x);
      return [value, grad];
    };
    expectClose(await on('wasm', run(true)), await on('cpu', run(false)));
  });

  it('gelu and fastTanh: hand-written gradients equal autodiff of their formulas', async () => {
    const run = (mine: boolean) => () => {
      const x = tf.tensor1d([-4, -1.5, -0.2, 0, 0.3, 1, 2.5]);
      const g = tf.grad((t: tf.Tensor) => tf.sum(mine ? gelu(t) : tf.mul(t, tf.sigmoid(tf.mul(t, 1.702)))))(x);
      const h = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(mine ? fastTanh(t) : tf.tanh(t), tf.range(1, 8))))(x);
      return [mine ? gelu(x) : tf.mul(x, tf.sigmoid(tf.mul(x, 1.702))), g, mine ? fastTanh(x) : tf.tanh(x), h];
    };
    expectClose(await on('wasm', run(true)), await on('cpu', run(false)));
  });

  it('conv1dBySlices: value and gradients equal tf.conv1d (which cannot train on WASM)', async () => {
    const run = (mine: boolean) => () => {
      const x = tf.tensor3d(values(2 * 6 * 3, 15), [2, 6, 3]);
      const w = tf.tensor3d(values(3 * 3 * 4, 16), [3, 3, 4]);
      const u = tf.tensor3d(values(2 * 4 * 4, 17), [2, 4, 4]);
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(mine ? conv1dBySlices(a as tf.Tensor3D, b as tf.Tensor3D) : tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, 1, 'valid'), u));
      return [mine ? conv1dBySlices(x, w) : tf.conv1d(x, w, 1, 'valid'), ...tf.grads(f)([x, w])];
    };
    expectClose(await on('wasm', run(true)), await on('cpu', run(false)));
  });
});
