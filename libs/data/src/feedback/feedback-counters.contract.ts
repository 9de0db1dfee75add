import type { FeedbackCounters } from '../ports';

/**
 * The behaviour every FeedbackCounters must show. `factory()` gives fresh, empty counters (two
 * handles on one store, as two gateways would hold); `cleanup` removes whatever they left behind.
 */
export function describeFeedbackCountersContract(
  name: string,
  factory: () => Promise<{ counters: FeedbackCounters; other: FeedbackCounters; cleanup: () => Promise<void> }>,
): void {
  describe(`FeedbackCounters contract: ${name}`, () => {
    let counters: FeedbackCounters;
    let other: FeedbackCounters;
    let cleanup: () => Promise<void>;
    beforeEach(async () => {
      ({ counters, other, cleanup } = await factory());
    });
    afterEach(async () => {
      await counters.close();
      await other.close();
      await cleanup();
    });

    it('starts empty', async () => {
      expect(await counters.all()).toEqual([]);
    });

    it('sums impressions and clicks per (source, model version), sorted, null version first', async () => {
      await counters.add([
        { source: 'sequence', modelVersion: 'SEQUENCE:12', impressions: 10, clicks: 0 },
        { source: 'popular', modelVersion: null, impressions: 3, clicks: 1 },
        { source: 'sequence', modelVersion: 'SEQUENCE:12', impressions: 5, clicks: 2 },
        { source: 'sequence', modelVersion: null, impressions: 1, clicks: 0 },
        { source: 'sequence', modelVersion: 'SEQUENCE:11', impressions: 0, clicks: 1 },
      ]);
      expect(await counters.all()).toEqual([
        { source: 'popular', modelVersion: null, impressions: 3, clicks: 1 },
        { source: 'sequence', modelVersion: null, impressions: 1, clicks: 0 },
        { source: 'sequence', modelVersion: 'SEQUENCE:11', impressions: 0, clicks: 1 },
        { source: 'sequence', modelVersion: 'SEQUENCE:12', impressions: 15, clicks: 2 },
      ]);
    });

    it('loses no increment under concurrent adds through two handles', async () => {
      const one = { source: 'cooccurrence', modelVersion: 'STATS:3', impressions: 2, clicks: 1 };
      await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? counters : other).add([one])));
      expect(await other.all()).toEqual([{ ...one, impressions: 100, clicks: 50 }]);
    });

    it('ignores an empty batch and hands out copies', async () => {
      await counters.add([]);
      await counters.add([{ source: 'longtail', modelVersion: 'LONGTAIL:7', impressions: 1, clicks: 0 }]);
      const [first] = await counters.all();
      first.impressions = 999;
      expect((await counters.all())[0].impressions).toBe(1);
    });
  });
}
