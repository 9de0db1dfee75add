import * as tf from '@tensorflow/tfjs';
import { randomVectorSet, vectorIndexContract } from '@magpie/retrieval';

// The TensorFlow.js exact index lives in @magpie/ml (which may not import retrieval), so its contract
// runs here; runtime loads @magpie/ml lazily, and so does this test.
let ml: typeof import('@magpie/ml');
beforeAll(async () => {
  ml = await import('@magpie/ml');
  await ml.initCompute({ backend: 'wasm' });
});

vectorIndexContract('TfExactIndex (WASM matMul)', (set) => new ml.TfExactIndex(set), 1);

describe('TfExactIndex', () => {
  it('frees its tensor on dispose and refuses to search afterwards', () => {
    const before = tf.memory().numTensors;
    const index = new ml.TfExactIndex(randomVectorSet(600, 8));
    expect(tf.memory().numTensors).toBe(before + 1);
    index.search(new Float32Array(8 * 300), 5);
    expect(tf.memory().numTensors).toBe(before + 1);
    index.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => index.search(new Float32Array(8), 5)).toThrow(/disposed/);
  });
});
