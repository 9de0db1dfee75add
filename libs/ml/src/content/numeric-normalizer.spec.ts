import { fitNumericStats, numericFeatures } from './numeric-normalizer';

describe('numeric attributes', () => {
  it('fits z-scores (log1p for skewed non-negative values) and fills missing values with the mean and a flag', () => {
    const stats = fitNumericStats([{ price: 1, weight: 2 }, { price: 1000, weight: 4 }, { price: 3 }, undefined, { price: 5, weight: null }]);
    expect(stats.map((s) => [s.name, s.log])).toEqual([
      ['price', true],
      ['weight', false],
    ]);
    const out = new Float32Array(4);
    numericFeatures(stats, { weight: 4 }, out, 0);
    expect(out[0]).toBe(0); // price missing → the mean (0)...
    expect(out[1]).toBe(1); // ...and flagged
    expect(out[2]).toBeCloseTo(1, 5); // weight 4: (4 − 3) / 1
    expect(out[3]).toBe(0);
  });
});
