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
    const draws = Array.from({ length: 20000 }, () => r.next());
    // One assertion over all draws (40,000 expect calls took seconds on a slow machine).
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.5, 1);
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
