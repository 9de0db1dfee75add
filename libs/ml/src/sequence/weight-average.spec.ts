import { WeightAverage } from './weight-average';

describe('WeightAverage', () => {
  it('follows the exponential moving average with the warm-up decay min(decay, (1+t)/(10+t))', () => {
    const average = new WeightAverage([Float32Array.of(0, 10)], 0.5);
    average.update([Float32Array.of(10, 0)]); // d = min(0.5, 1/10) = 0.1
    expect(Array.from(average.values[0])).toEqual([expect.closeTo(9, 5), expect.closeTo(1, 5)]);
    average.update([Float32Array.of(0, 0)]); // d = min(0.5, 2/11)
    expect(average.values[0][0]).toBeCloseTo((2 / 11) * 9, 5);
    for (let t = 0; t < 200; t++) average.update([Float32Array.of(4, -4)]); // converges to a constant input
    expect(Array.from(average.values[0])).toEqual([expect.closeTo(4, 4), expect.closeTo(-4, 4)]);
  });

  it('does not alias the weights it was given', () => {
    const initial = Float32Array.of(1, 2);
    const average = new WeightAverage([initial], 0.9);
    average.update([Float32Array.of(3, 3)]);
    expect(Array.from(initial)).toEqual([1, 2]);
  });

  it('refuses a decay outside (0, 1) and weights of another size', () => {
    expect(() => new WeightAverage([], 1)).toThrow(/decay/);
    expect(() => new WeightAverage([new Float32Array(2)], 0.9).update([new Float32Array(3)])).toThrow(/3 values/);
  });
});
