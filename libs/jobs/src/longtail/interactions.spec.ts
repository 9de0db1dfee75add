import type { TrainingEvent } from '@magpie/data';
import { buildInteractions, userRanges } from './interactions';

async function* pages(events: TrainingEvent[], size: number): AsyncIterable<TrainingEvent[]> {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}
const ev = (userId: number, productId: number, type: TrainingEvent['type'] = 'view'): TrainingEvent => ({ userId, productId, type, ts: 0 });

describe('long-tail interactions', () => {
  it('maps products to ascending item indices, one vector per shopper, dislikes left out', async () => {
    const events = [ev(3, 50), ev(3, 7), ev(3, 50, 'purchase'), ev(5, 9, 'dislike'), ev(5, 7), ev(8, 9)];
    const got = await buildInteractions(pages(events, 2));
    expect(got.userIds).toEqual([3, 5, 8]);
    expect(got.itemIds).toEqual([7, 9, 50]);
    expect(got.histories.map((h) => [...h].sort())).toEqual([[0, 2], [0], [1]]);
  });

  it('cuts shoppers into contiguous ranges of nearly equal size covering every shopper once', () => {
    const ids = [2, 3, 5, 8, 13, 21, 34, 55, 89, 144];
    const ranges = userRanges(ids, 4);
    expect(ranges).toEqual([
      { from: 2, to: 3, users: 2 },
      { from: 5, to: 13, users: 3 },
      { from: 21, to: 34, users: 2 },
      { from: 55, to: 144, users: 3 },
    ]);
    expect(userRanges(ids.slice(0, 2), 8)).toEqual([{ from: 2, to: 2, users: 1 }, { from: 3, to: 3, users: 1 }]);
    expect(userRanges([], 4)).toEqual([]);
  });
});
