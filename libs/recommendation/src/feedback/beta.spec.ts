import { createRandom } from '@magpie/math';
import { sampleBeta, sampleGamma } from './beta';

const moments = (draw: () => number, n: number) => {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sq / n - mean * mean };
};

describe('sampleBeta', () => {
  it.each([
    [1, 1],
    [2, 30],
    [0.5, 0.5],
    [40, 960],
  ])('matches the mean and variance of Beta(%d, %d)', (a, b) => {
    const random = createRandom(11);
    const { mean, variance } = moments(() => sampleBeta(random, a, b), 40_000);
    const expectedMean = a / (a + b);
    const expectedVariance = (a * b) / ((a + b) ** 2 * (a + b + 1));
    expect(mean).toBeCloseTo(expectedMean, 2);
    expect(Math.abs(variance - expectedVariance) / expectedVariance).toBeLessThan(0.06);
  });

  it('draws Gamma(shape) with mean = shape, also below shape 1', () => {
    const random = createRandom(3);
    expect(moments(() => sampleGamma(random, 0.3), 40_000).mean).toBeCloseTo(0.3, 1);
    expect(moments(() => sampleGamma(random, 7), 40_000).mean).toBeCloseTo(7, 1);
  });

  it('rejects a non-positive shape', () => {
    expect(() => sampleGamma(createRandom(1), 0)).toThrow(RangeError);
  });
});
