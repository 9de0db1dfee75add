import * as tf from '@tensorflow/tfjs';
import { createRandom } from '@magpie/math';
import { initCompute } from '../compute/init-compute';
import { toVariables } from '../sequence/weights';
import { CfganModel, discriminateAt, fitCfgan, generateAt } from './cfgan';
import { cfganBatch } from './cfgan-batch';

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

  it('computes the sparse training forward pass exactly as the dense generator and discriminator', () => {
    const before = tf.memory().numTensors;
    const n = 12;
    const h = 5;
    const random = createRandom(4);
    const init = (shape: number[]) => ({ shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => random.normal() * 0.5) });
    const g = toVariables(new Map([['g.w1', init([n, h])], ['g.b1', init([h])], ['g.w2', init([h, n])], ['g.b2', init([n])]]));
    const d = toVariables(new Map([['d.w1', init([2 * n, h])], ['d.b1', init([h])], ['d.w2', init([h, 1])], ['d.b2', init([1])]]));
    const model = new CfganModel({ numItems: n, hidden: h, maskShare: 0.3, zeroReconShare: 0.3, zeroReconWeight: 0.1, sampleCap: 4, conditionDropout: 0, seed: 1 }, g);
    const histories = [Int32Array.of(0, 3, 3), Int32Array.of(5), Int32Array.of(1, 2, 7, 11)];
    const batch = cfganBatch(histories, n, { maskShare: 0.3, zeroShare: 0.3, cap: 4 }, random);
    const dense = model.scores(histories);
    const sparse = tf.tidy(() => {
      const generated = generateAt(g, batch);
      const { real, fake } = discriminateAt(d, batch, generated, n);
      return [generated.items, generated.masked, generated.zero, real, fake].map((t) => Array.from(t.dataSync()));
    });
    const [items, masked, zero, real, fake] = sparse;
    // generator: every sampled entry equals the dense r̂ there
    for (const [block, values] of [[batch.items, items], [batch.masked, masked], [batch.zero, zero]] as const) {
      for (let r = 0; r < 3; r++) {
        for (let j = 0; j < block.width; j++) {
          if (block.weights[r * block.width + j] === 1) expect(values[r * block.width + j]).toBeCloseTo(dense[r * n + block.indices[r * block.width + j]], 5);
        }
      }
    }
    // discriminator on dense [x, c]: real x = c, fake x = r̂ ⊙ (c + k)
    const c = new Float32Array(3 * n);
    const k = new Float32Array(3 * n);
    histories.forEach((history, r) => history.forEach((i) => (c[r * n + i] = 1)));
    for (let r = 0; r < 3; r++) for (let j = 0; j < batch.masked.width; j++) if (batch.masked.weights[r * batch.masked.width + j] === 1) k[r * n + batch.masked.indices[r * batch.masked.width + j]] = 1;
    const denseD = (x: Float32Array) => tf.tidy(() => {
      const input = tf.concat([tf.tensor2d(x, [3, n]), tf.tensor2d(c, [3, n])], 1);
      const hidden = tf.relu(tf.add(tf.matMul(input, d.get('d.w1') as tf.Tensor2D), d.get('d.b1') as tf.Tensor));
      return Array.from(tf.add(tf.matMul(hidden, d.get('d.w2') as tf.Tensor2D), d.get('d.b2') as tf.Tensor).dataSync());
    });
    denseD(c).forEach((v, r) => expect(real[r]).toBeCloseTo(v, 4));
    denseD(Float32Array.from(dense, (v, i) => v * (c[i] + k[i]))).forEach((v, r) => expect(fake[r]).toBeCloseTo(v, 4));
    model.dispose();
    for (const w of d.values()) w.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops when onEpoch says so, and restores an earlier epoch’s generator from a snapshot', () => {
    const before = tf.memory().numTensors;
    const { train } = twoTastes(40, 2);
    const config = { numItems: 20, hidden: 16, maskShare: 0.5, zeroReconShare: 0.5 };
    const options = { batchSize: 8, learningRate: 0.01 };
    const first = fitCfgan(train, config, { ...options, epochs: 1 });
    let kept: Float32Array[] = [];
    const stopped = fitCfgan(train, config, { ...options, epochs: 10 }, (e, generator) => {
      if (e.epoch === 1) kept = generator.snapshot();
      return e.epoch === 3;
    });
    expect(stopped.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    const afterThree = stopped.model.scores(train.slice(0, 3));
    expect(Array.from(afterThree)).not.toEqual(Array.from(first.model.scores(train.slice(0, 3))));
    stopped.model.restore(kept);
    expect(Array.from(stopped.model.scores(train.slice(0, 3)))).toEqual(Array.from(first.model.scores(train.slice(0, 3))));
    first.model.dispose();
    stopped.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('with condition dropout still learns the toy pattern', () => {
    const { train, heldOut } = twoTastes(80, 1);
    const { model } = fitCfgan(train, { numItems: 20, hidden: 32, maskShare: 0.5, zeroReconShare: 0.5, conditionDropout: 0.5 }, { epochs: 60, batchSize: 16, learningRate: 0.005 });
    const scores = model.scores(train);
    const wins = train.filter((_, u) => scores[u * 20 + heldOut[u]] > scores[u * 20 + (u % 2 === 0 ? 15 : 5)]).length;
    expect(wins / train.length).toBeGreaterThan(0.8);
    model.dispose();
  }, 60_000);
});
