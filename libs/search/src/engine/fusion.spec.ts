import { ProductTexts } from '../ranking/fusion-features';
import { reciprocalRankFusion } from './fusion';
import type { FusionContext } from './fusion';
import type { RetrievedList } from './retriever';

const context: FusionContext = { queryTerms: [], productTerms: new ProductTexts(() => undefined) };

const list = (...ids: number[]): RetrievedList => ({
  source: 'search',
  items: ids.map((productId, i) => ({ productId, score: 10 - i, matchedTerms: [`t${productId}`] })),
  matchedIds: ids,
});

describe('reciprocalRankFusion', () => {
  it('passes a single list through unchanged', () => {
    expect(reciprocalRankFusion()([list(3, 1, 2)], 2, context)).toEqual(list(3, 1).items);
  });

  it('sums 1 / (k + rank) over lists', () => {
    const fused = reciprocalRankFusion(60)([list(1, 2), list(2, 3)], 10, context);
    expect(fused.map((i) => i.productId)).toEqual([2, 1, 3]);
    expect(fused[0].score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[0].matchedTerms).toEqual(['t2']);
  });
});
