import { createRandom } from '@magpie/math';
import { cfganBatch, sampleSize } from './cfgan-batch';

describe('cfganBatch', () => {
  const histories = [Int32Array.of(3, 1, 3), Int32Array.of(0, 2, 4, 6, 8), Int32Array.of(9, 99, -1)];

  it('lists each shopper’s distinct items, padded with weight 0, ignoring indices outside the catalogue', () => {
    const batch = cfganBatch(histories, 10, { maskShare: 0.5, zeroShare: 0.2, cap: 100 }, createRandom(1));
    expect(batch.rows).toBe(3);
    expect(batch.items.width).toBe(5);
    const row = (r: number) => Array.from(batch.items.indices.subarray(r * 5, r * 5 + 5)).filter((_, j) => batch.items.weights[r * 5 + j] === 1);
    expect(row(0)).toEqual([3, 1]);
    expect(row(1)).toEqual([0, 2, 4, 6, 8]);
    expect(row(2)).toEqual([9]);
    expect(Array.from(batch.items.weights.subarray(0, 5))).toEqual([1, 1, 0, 0, 0]);
  });

  it('samples distinct non-items: share of the non-items, at most the cap, independently for masking and zero reconstruction', () => {
    const random = createRandom(2);
    for (let trial = 0; trial < 20; trial++) {
      const batch = cfganBatch(histories, 10, { maskShare: 0.5, zeroShare: 0.2, cap: 3 }, random);
      histories.forEach((h, r) => {
        const own = new Set(Array.from(h));
        for (const [block, share] of [[batch.masked, 0.5], [batch.zero, 0.2]] as const) {
          const sample = Array.from(block.indices.subarray(r * block.width, (r + 1) * block.width)).filter((_, j) => block.weights[r * block.width + j] === 1);
          const nonItems = 10 - new Set(Array.from(h).filter((i) => i >= 0 && i < 10)).size;
          expect(sample).toHaveLength(sampleSize(nonItems, share, 3));
          expect(new Set(sample).size).toBe(sample.length);
          for (const item of sample) {
            expect(own.has(item)).toBe(false);
            expect(item).toBeGreaterThanOrEqual(0);
            expect(item).toBeLessThan(10);
          }
        }
      });
    }
    expect(sampleSize(1000, 0.1, 48)).toBe(48);
    expect(sampleSize(100, 0.1, 48)).toBe(10);
  });

  it('draws the same samples under the same seed', () => {
    const a = cfganBatch(histories, 10, { maskShare: 0.5, zeroShare: 0.5, cap: 4 }, createRandom(7));
    const b = cfganBatch(histories, 10, { maskShare: 0.5, zeroShare: 0.5, cap: 4 }, createRandom(7));
    expect(a).toEqual(b);
  });
});
