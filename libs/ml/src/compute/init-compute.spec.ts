import * as tf from '@tensorflow/tfjs';
import { currentBackend, initCompute } from './init-compute';

const nativeInstalled = (() => {
  try {
    require.resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
})();

// Silences tfjs's "install tfjs-node" banner when the plain JS backend starts.
tf.env().set('PROD', true);

describe('initCompute', () => {
  afterAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  it('picks tfjs-node when it works, else WASM, and reports the backend tensors run on', async () => {
    const { backend } = await initCompute();
    expect(backend).toBe(nativeInstalled ? 'tensorflow' : 'wasm');
    expect(currentBackend()).toBe(backend);
    expect(tf.tidy(() => tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0])).toBe(5);
  });

  it('returns the same answer when called again (idempotent)', async () => {
    const first = await initCompute();
    const again = await initCompute({ backend: 'auto' });
    expect(again).toEqual(first);
  });

  it('honours an explicit choice of the plain JS backend', async () => {
    expect(await initCompute({ backend: 'cpu' })).toEqual({ backend: 'cpu' });
    expect(currentBackend()).toBe('cpu');
    // 'auto' after an explicit choice keeps the explicit one.
    expect(await initCompute()).toEqual({ backend: 'cpu' });
  });

  (nativeInstalled ? it.skip : it)('refuses an explicit tfjs-node request when the package is absent', async () => {
    await expect(initCompute({ backend: 'tensorflow' })).rejects.toThrow(/tensorflow.*not available/);
  });
});
