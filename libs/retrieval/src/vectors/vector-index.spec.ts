import { ExactVectorIndex } from './exact-vector-index';
import { UsearchVectorIndex, vectorIndexFor } from './usearch-vector-index';
import { vectorIndexContract } from './vector-index.contract';

vectorIndexContract('ExactVectorIndex', (set) => new ExactVectorIndex(set), 1);
vectorIndexContract('UsearchVectorIndex', (set) => new UsearchVectorIndex(set), 0.9);

describe('ExactVectorIndex', () => {
  it('breaks score ties by the lower row', () => {
    const index = new ExactVectorIndex({ vectors: new Float32Array([1, 0, 1, 0, 0, 1]), keys: new Int32Array([7, 3, 9]), dimensions: 2 });
    const [m] = index.search(new Float32Array([1, 0]), 3);
    expect(Array.from(m.keys)).toEqual([7, 3, 9]);
    expect(Array.from(m.scores)).toEqual([1, 1, 0]);
  });

  it('refuses vectors that do not fit the keys', () => {
    expect(() => new ExactVectorIndex({ vectors: new Float32Array(5), keys: new Int32Array([1, 2]), dimensions: 2 })).toThrow();
    expect(() => new ExactVectorIndex({ vectors: new Float32Array(2), keys: new Int32Array([0]), dimensions: 2 })).toThrow();
  });

  it('chooses exact scoring below the ANN threshold and HNSW from it', () => {
    const set = { vectors: Float32Array.of(1, 0, 0, 1), keys: Int32Array.of(1, 2), dimensions: 2 };
    expect(vectorIndexFor(set, { annThreshold: 3 }).kind).toBe('exact');
    const hnsw = vectorIndexFor(set, { annThreshold: 2 });
    expect(hnsw.kind).toBe('hnsw');
    hnsw.dispose?.();
    let made = 0;
    vectorIndexFor(set, { annThreshold: 3, exact: (v) => (made++, new ExactVectorIndex(v)) });
    expect(made).toBe(1);
  });
});
