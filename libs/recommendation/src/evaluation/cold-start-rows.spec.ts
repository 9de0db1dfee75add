import { coldStartRows } from './cold-start-rows';

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let ab = 0, aa = 0, bb = 0;
  for (let d = 0; d < a.length; d++) {
    ab += a[d] * b[d];
    aa += a[d] ** 2;
    bb += b[d] ** 2;
  }
  return ab / Math.sqrt(aa * bb);
};

describe('coldStartRows', () => {
  // Items 0-2 are "red" (content near [1, 0]), 3-5 "blue" (near [0, 1]); embeddings follow the colour.
  const content = Float32Array.from([[1, 0.1], [1, 0], [1, -0.1], [0.1, 1], [0, 1], [-0.1, 1]].flatMap(unit));
  const embeddings = Float32Array.from([[0, 0], [2, 0.1], [2, 0], [9, 9], [0.1, 4], [0, 4], [-9, 9]].flat());
  const cold = Uint8Array.of(0, 0, 1, 0, 0, 1); // items 2 and 5 never trained: their rows hold noise

  it('gives a cold item the embedding direction of its nearest warm items by content, at the warm mean norm', () => {
    const rows = coldStartRows({ embeddings, dim: 2, content, contentDim: 2, cold, neighbours: 2, temperature: 0.1 });
    expect([...rows.keys()]).toEqual([3, 6]);
    const warmNorm = (Math.hypot(2, 0.1) + 2 + Math.hypot(0.1, 4) + 4) / 4;
    expect(cosine(rows.get(3) as Float32Array, [2, 0])).toBeGreaterThan(0.99);
    expect(cosine(rows.get(6) as Float32Array, [0, 4])).toBeGreaterThan(0.99);
    for (const row of rows.values()) expect(Math.hypot(...row)).toBeCloseTo(warmNorm, 5);
  });

  it('can map content linearly instead (ridge on the warm items)', () => {
    const rows = coldStartRows({ embeddings, dim: 2, content, contentDim: 2, cold, method: 'ridge', alpha: 1e-3 });
    expect(cosine(rows.get(3) as Float32Array, [2, 0])).toBeGreaterThan(0.95);
    expect(cosine(rows.get(6) as Float32Array, [0, 4])).toBeGreaterThan(0.95);
  });

  it('returns nothing when no item is cold', () => {
    expect(coldStartRows({ embeddings, dim: 2, content, contentDim: 2, cold: new Uint8Array(6) }).size).toBe(0);
  });
});
