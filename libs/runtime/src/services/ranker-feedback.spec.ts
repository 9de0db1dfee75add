import type { StoredProductEvent } from '@magpie/data';
import { createRankerModel, FEATURE_COUNT, RANKER_FEATURES, ServedRanker } from '@magpie/recommendation';
import { RankerFeedback } from './ranker-feedback';

const event = (userId: number, productId: number, type: StoredProductEvent['entry']['type']): StoredProductEvent => ({
  userId, entry: { productId, type, ts: 1 }, source: 'popular', modelVersion: null,
});

describe('RankerFeedback', () => {
  it('steps the served ranker on clicks (up) and impressions (down) of items it showed, and ignores the rest', () => {
    const ranker = new ServedRanker(1, createRankerModel([], { dim: 2 }), { lr: 0.5 });
    const popular = RANKER_FEATURES.indexOf('source:popular');
    const row = new Float32Array(FEATURE_COUNT);
    row[popular] = 1;
    ranker.remember(7, 100, row, Int32Array.from([]));
    ranker.remember(7, 101, row, Int32Array.from([]));
    const feedback = new RankerFeedback(() => ranker);
    const counts = feedback.record([event(7, 100, 'click'), event(7, 100, 'click'), event(7, 999, 'click'), event(7, 101, 'view'), event(8, 100, 'impression')]);
    expect(counts).toEqual({ learned: 2, 'not-shown': 2 });
    expect(ranker.model.weights[popular]).toBeGreaterThan(0.2); // two clicks: 0.5·(1 − σ(0)) then 0.5·(1 − σ(0.25)) ≈ 0.25 + 0.22
    const after = ranker.model.weights[popular];
    feedback.record([event(7, 101, 'impression')]);
    expect(ranker.model.weights[popular]).toBeLessThan(after);
  });

  it('does nothing without a served ranker', () => {
    expect(new RankerFeedback(() => null).record([event(1, 1, 'click')])).toEqual({ learned: 0, 'not-shown': 0 });
  });
});
