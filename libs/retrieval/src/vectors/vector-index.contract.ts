import { createRandom } from '@magpie/math';
import type { VectorIndex, VectorSet } from './vector-index';

/** Random item vectors with keys 1..n. */
export function randomVectorSet(n: number, dimensions: number, seed = 1): VectorSet {
  const random = createRandom(seed);
  return {
    vectors: Float32Array.from({ length: n * dimensions }, () => random.next() * 2 - 1),
    keys: Int32Array.from({ length: n }, (_, i) => i + 1),
    dimensions,
  };
}

/** Exact answer by brute force, for comparison. */
function bruteForce(set: VectorSet, query: Float32Array, k: number): number[] {
  const d = set.dimensions;
  const scored = Array.from(set.keys, (key, r) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += set.vectors[r * d + j] * query[j];
    return { key, s };
  });
  return scored.sort((a, b) => b.s - a.s || a.key - b.key).slice(0, k).map((x) => x.key);
}

/**
 * Behaviour every `VectorIndex` must have. `minRecall` is 1 for exact search; an approximate
 * index states the recall@10 it guarantees on 2,000 random 16-d vectors.
 */
export function vectorIndexContract(name: string, create: (set: VectorSet) => VectorIndex, minRecall: number): void {
  describe(`VectorIndex contract: ${name}`, () => {
    const set = randomVectorSet(2000, 16, 5);
    let index: VectorIndex;
    // Built when the suite runs, after the suite's own set-up (e.g. choosing a compute backend).
    beforeAll(() => {
      index = create(set);
    });
    afterAll(() => index.dispose?.());
    const queries = randomVectorSet(20, 16, 9).vectors;

    it('knows its size and dimensions', () => {
      expect(index.size).toBe(2000);
      expect(index.dimensions).toBe(16);
    });

    it('answers every query with k keys, best first, with their inner products', () => {
      const results = index.search(queries, 10);
      expect(results).toHaveLength(20);
      for (let q = 0; q < 20; q++) {
        const { keys, scores } = results[q];
        expect(keys).toHaveLength(10);
        for (let i = 1; i < 10; i++) expect(scores[i]).toBeLessThanOrEqual(scores[i - 1] + 1e-5);
        const row = keys[0] - 1;
        let dot = 0;
        for (let j = 0; j < 16; j++) dot += set.vectors[row * 16 + j] * queries[q * 16 + j];
        expect(scores[0]).toBeCloseTo(dot, 4);
      }
    });

    it(`finds the true top 10 with recall ≥ ${minRecall}`, () => {
      const results = index.search(queries, 10);
      let hits = 0;
      for (let q = 0; q < 20; q++) {
        const truth = new Set(bruteForce(set, queries.subarray(q * 16, (q + 1) * 16), 10));
        hits += Array.from(results[q].keys).filter((k) => truth.has(k)).length;
      }
      expect(hits / 200).toBeGreaterThanOrEqual(minRecall);
    });

    it('answers one query, and caps k at the number of items', () => {
      const small = create(randomVectorSet(5, 16, 3));
      const [only] = small.search(queries.subarray(0, 16), 50);
      expect(Array.from(only.keys).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(small.search(new Float32Array(0), 3)).toEqual([]);
    });

    it('rejects queries of the wrong width', () => {
      expect(() => index.search(new Float32Array(15), 3)).toThrow();
    });
  });
}
