import { blend } from './blend';
import type { Candidate } from './candidate';

const c = (productId: number, score: number, source: Candidate['source'], anchorId?: number): Candidate => ({ productId, score, source, anchorId });

describe('blend', () => {
  const candidates = [
    c(1, 10, 'cooccurrence', 7), c(2, 5, 'cooccurrence', 8), c(3, 0.5, 'sequence'), c(1, 1, 'sequence'), c(4, 100, 'popular'), c(5, 0.2, 'sequence'),
  ];
  const weights = { sequence: 2, cooccurrence: 1, popular: 0.25 };

  it('sums weight · score / source maximum per item and keeps the source that contributed most', () => {
    // 1: 1·10/10 + 2·1/1 = 3 (sequence wins: 2 > 1); 3: 2·0.5 = 1; 2: 0.5; 4: 0.25; 5: 2·0.2 = 0.4
    expect(blend(candidates, weights).map((x) => [x.productId, +x.score.toFixed(3), x.source])).toEqual([
      [1, 3, 'sequence'], [3, 1, 'sequence'], [2, 0.5, 'cooccurrence'], [5, 0.4, 'sequence'], [4, 0.25, 'popular'],
    ]);
  });

  it('returns the same best items when asked for only a few, and breaks ties by product id', () => {
    expect(blend(candidates, weights, 2).map((x) => x.productId)).toEqual([1, 3]);
    const tied = [c(9, 1, 'popular'), c(3, 1, 'popular'), c(6, 1, 'popular')];
    expect(blend(tied, weights, 2).map((x) => x.productId)).toEqual([3, 6]);
  });

  it('drops sources without a positive weight or score', () => {
    expect(blend([c(1, 1, 'longtail'), c(2, 0, 'popular')], weights)).toEqual([]);
  });
});
