import { createRandom, zipfWeights } from './random';

describe('createRandom', () => {
  it('repeats the same sequence for the same seed', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(createRandom(43).next()).not.toBe(xs[0]);
  });

  it('draws uniform values in [0, 1) with mean near 0.5', () => {
    const r = createRandom(1);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 20000).toBeCloseTo(0.5, 1);
  });

  it('draws weighted indices in proportion to the weights', () => {
    const r = createRandom(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30000; i++) counts[r.weighted([1, 2, 7])]++;
    expect(counts[0] / 30000).toBeCloseTo(0.1, 1);
    expect(counts[2] / 30000).toBeCloseTo(0.7, 1);
  });
});

describe('zipfWeights', () => {
  it('decreases with rank', () => {
    const w = zipfWeights(4, 1);
    expect(Array.from(w)).toEqual([1, 0.5, 1 / 3, 0.25]);
  });
});
