import { createRandom } from './random';
import { applyLinearMap, fitRidge } from './ridge';

describe('fitRidge', () => {
  it('recovers a linear map with intercept from noiseless data (small α)', () => {
    const random = createRandom(5);
    const rows = 200;
    const w = [1, -2, 0.5, 3, 0, -1]; // 3 inputs × 2 outputs
    const b = [0.25, -4];
    const x = Float32Array.from({ length: rows * 3 }, () => random.normal());
    const y = new Float32Array(rows * 2);
    for (let r = 0; r < rows; r++) for (let k = 0; k < 2; k++) y[r * 2 + k] = b[k] + [0, 1, 2].reduce((s, i) => s + x[r * 3 + i] * w[i * 2 + k], 0);
    const map = fitRidge({ x, y, rows, inputs: 3, outputs: 2, alpha: 1e-6 });
    Array.from(map.weights).forEach((v, i) => expect(v).toBeCloseTo(w[i], 4));
    Array.from(map.bias).forEach((v, i) => expect(v).toBeCloseTo(b[i], 4));
    const predicted = applyLinearMap(map, Float32Array.of(1, 1, 1), 1);
    expect(predicted[0]).toBeCloseTo(0.25 + 1 + 0.5 + 0, 4);
  });

  it('shrinks the weights as α grows', () => {
    const x = Float32Array.of(-1, 0, 1, 2);
    const y = Float32Array.of(-2, 0, 2, 4);
    const small = fitRidge({ x, y, rows: 4, inputs: 1, outputs: 1, alpha: 1e-9 }).weights[0];
    const large = fitRidge({ x, y, rows: 4, inputs: 1, outputs: 1, alpha: 100 }).weights[0];
    expect(small).toBeCloseTo(2, 6);
    expect(large).toBeGreaterThan(0);
    expect(large).toBeLessThan(0.2);
    expect(() => fitRidge({ x, y, rows: 4, inputs: 1, outputs: 1, alpha: 0 })).toThrow(RangeError);
  });
});
