import type { EventType } from '@magpie/contracts';
import { MemoryFeedbackCounters, type FeedbackCount, type StoredProductEvent } from '@magpie/data';
import { FeedbackService, feedbackModelVersion, feedbackSource, type FeedbackServiceOptions } from './feedback-service';

const OPTIONS: FeedbackServiceOptions = { bandit: true, floorShare: 0.05, priorAlpha: 1, priorBeta: 1, countsRefreshMs: 0, warmupImpressions: 0, seed: 3 };

const event = (type: EventType, source: string | null, modelVersion: string | null = null, productId = 1): StoredProductEvent => ({
  userId: 1, entry: { productId, type, ts: 1 }, source, modelVersion,
});

const repeat = (n: number, e: StoredProductEvent) => Array.from({ length: n }, () => e);

describe('feedbackSource / feedbackModelVersion', () => {
  it('accepts sources as GraphQL spells them and as the contract does, nothing else', () => {
    expect(feedbackSource('SEQUENCE')).toBe('sequence');
    expect(feedbackSource(' longtail ')).toBe('longtail');
    expect(feedbackSource('newsletter')).toBeNull();
    expect(feedbackSource(null)).toBeNull();
  });

  it('keeps model versions of known kinds only (the counters stay bounded)', () => {
    expect(feedbackModelVersion('SEQUENCE:012')).toBe('SEQUENCE:12');
    expect(feedbackModelVersion('LONGTAIL:7')).toBe('LONGTAIL:7');
    expect(feedbackModelVersion('ROBOT:1')).toBeNull();
    expect(feedbackModelVersion('sequence:1')).toBeNull();
    expect(feedbackModelVersion('SEQUENCE:1;DROP')).toBeNull();
  });
});

describe('FeedbackService', () => {
  it('counts impressions and clicks per source and model version, ignoring other events and unknown sources', async () => {
    const counters = new MemoryFeedbackCounters();
    const service = new FeedbackService(counters, OPTIONS);
    await service.record([
      event('impression', 'SEQUENCE', 'SEQUENCE:12'), event('impression', 'sequence', 'SEQUENCE:12'), event('click', 'SEQUENCE', 'SEQUENCE:12'),
      event('impression', 'popular', 'STATS:3'), event('impression', 'popular', 'bogus'),
      event('view', 'sequence', 'SEQUENCE:12'), event('cart', 'popular', 'STATS:3'), event('impression', null), event('click', 'newsletter'),
    ]);
    expect(await counters.all()).toEqual<FeedbackCount[]>([
      { source: 'popular', modelVersion: null, impressions: 1, clicks: 0 },
      { source: 'popular', modelVersion: 'STATS:3', impressions: 1, clicks: 0 },
      { source: 'sequence', modelVersion: 'SEQUENCE:12', impressions: 2, clicks: 1 },
    ]);
  });

  it('leads with the source shoppers click most, still giving the others their floor', async () => {
    const service = new FeedbackService(new MemoryFeedbackCounters(), OPTIONS);
    await service.record([
      ...repeat(500, event('impression', 'cooccurrence', 'STATS:1')), ...repeat(60, event('click', 'cooccurrence', 'STATS:1')),
      ...repeat(500, event('impression', 'popular', 'STATS:1')), ...repeat(5, event('click', 'popular', 'STATS:1')),
    ]);
    let coLeads = 0;
    for (let i = 0; i < 200; i++) {
      const weights = (await service.weights(['cooccurrence', 'popular']))!;
      expect(Math.min(weights.cooccurrence!, weights.popular!)).toBeCloseTo(0.05, 10);
      if (weights.cooccurrence! > weights.popular!) coLeads++;
    }
    expect(coLeads).toBe(200);
  });

  it('gives no weights (the fixed blend) when the bandit is off or no source can propose anything', async () => {
    expect(await new FeedbackService(new MemoryFeedbackCounters(), { ...OPTIONS, bandit: false }).weights(['popular'])).toBeUndefined();
    expect(await new FeedbackService(new MemoryFeedbackCounters(), OPTIONS).weights([])).toBeUndefined();
  });

  it('serves the fixed blend until the request\'s sources have the warm-up impressions', async () => {
    const service = new FeedbackService(new MemoryFeedbackCounters(), { ...OPTIONS, warmupImpressions: 100 });
    await service.record([...repeat(60, event('impression', 'popular')), ...repeat(39, event('impression', 'cooccurrence')), ...repeat(500, event('impression', 'longtail'))]);
    expect(await service.weights(['cooccurrence', 'popular'])).toBeUndefined(); // 99 for these two
    await service.record([event('impression', 'cooccurrence')]);
    expect(await service.weights(['cooccurrence', 'popular'])).toBeDefined();
  });

  it('is deterministic under a seed', async () => {
    const draws = async () => {
      const service = new FeedbackService(new MemoryFeedbackCounters(), OPTIONS);
      const out = [];
      for (let i = 0; i < 20; i++) out.push(await service.weights(['sequence', 'cooccurrence', 'longtail', 'popular']));
      return out;
    };
    expect(await draws()).toEqual(await draws());
  });

  it('reads the counters at most once per refresh period on the request path, and again after its own records', async () => {
    const counters = new MemoryFeedbackCounters();
    let reads = 0;
    const all = counters.all.bind(counters);
    counters.all = async () => (reads++, all());
    let now = 0;
    const service = new FeedbackService(counters, { ...OPTIONS, countsRefreshMs: 1000, now: () => now });
    await service.weights(['popular']);
    await service.weights(['popular']);
    expect(reads).toBe(1);
    now = 1500;
    await service.weights(['popular']); // stale: answered from the old counts, refreshed behind
    await new Promise((r) => setImmediate(r));
    expect(reads).toBe(2);
    await service.record([event('impression', 'popular')]);
    await service.weights(['popular']);
    expect(reads).toBe(3);
  });

  it('serves the default blend when the counters cannot be read', async () => {
    const counters = new MemoryFeedbackCounters();
    counters.all = () => Promise.reject(new Error('redis down'));
    const warnings: string[] = [];
    const service = new FeedbackService(counters, { ...OPTIONS, warn: (m) => warnings.push(m) });
    expect(await service.weights(['popular'])).toBeUndefined();
    expect(warnings[0]).toContain('redis down');
  });

  it('reports per source and per model version: impressions, clicks, CTR, posterior mean and weight', async () => {
    const service = new FeedbackService(new MemoryFeedbackCounters(), OPTIONS);
    await service.record([
      ...repeat(300, event('impression', 'sequence', 'SEQUENCE:1')), ...repeat(30, event('click', 'sequence', 'SEQUENCE:1')),
      ...repeat(100, event('impression', 'sequence', 'SEQUENCE:2')), ...repeat(2, event('click', 'sequence', 'SEQUENCE:2')),
      ...repeat(400, event('impression', 'popular', 'STATS:1')), ...repeat(4, event('click', 'popular', 'STATS:1')),
      ...repeat(3, event('click', 'similar')),
    ]);
    const stats = await service.blendStats();
    expect(stats).toMatchObject({ bandit: true, floorShare: 0.05 });
    expect(stats.sources.map((s) => s.source)).toEqual(['sequence', 'cooccurrence', 'longtail', 'popular', 'similar']);
    const [sequence, cooccurrence, longtail, popular, similar] = stats.sources;
    expect(sequence).toMatchObject({ impressions: 400, clicks: 32, ctr: 0.08 });
    expect(sequence.posteriorMean).toBeCloseTo(33 / 402, 10);
    expect(sequence.versions).toEqual([
      { modelVersion: 'SEQUENCE:1', impressions: 300, clicks: 30, ctr: 0.1 },
      { modelVersion: 'SEQUENCE:2', impressions: 100, clicks: 2, ctr: 0.02 },
    ]);
    expect(popular).toMatchObject({ impressions: 400, clicks: 4, ctr: 0.01 });
    // Unshown sources keep a wide posterior (mean 1/2) and win often: the bandit explores them.
    expect(cooccurrence).toMatchObject({ impressions: 0, clicks: 0, ctr: 0, posteriorMean: 0.5 });
    expect(cooccurrence.weight).toBeGreaterThan(0.3);
    expect(popular.weight).toBeCloseTo(0.05, 2);
    expect(sequence.weight + cooccurrence.weight + longtail.weight + popular.weight).toBeCloseTo(1, 10);
    expect(similar).toMatchObject({ clicks: 3, weight: 0 });
  });

  it('weighs only the sources that can propose items now, with the fixed blend while warming up', async () => {
    const counters = new MemoryFeedbackCounters();
    const options = { ...OPTIONS, warmupImpressions: 100, activeSources: () => ['cooccurrence', 'popular'] as const };
    const service = new FeedbackService(counters, options);
    await service.record([...repeat(50, event('impression', 'popular')), ...repeat(200, event('impression', 'sequence'))]);
    const warming = await service.blendStats();
    // cooccurrence 1 : popular 0.25 in the default blend; sequence's impressions do not count (not active).
    expect(warming.sources.map((s) => [s.source, +s.weight.toFixed(3)])).toEqual([['sequence', 0], ['cooccurrence', 0.8], ['longtail', 0], ['popular', 0.2]]);
    await service.record([...repeat(50, event('impression', 'cooccurrence')), ...repeat(10, event('click', 'cooccurrence'))]);
    const adaptive = await service.blendStats();
    const [, co, , pop] = adaptive.sources.map((s) => s.weight);
    expect(co + pop).toBeCloseTo(1, 10);
    expect(co).toBeGreaterThan(0.9); // Beta(11, 41) against Beta(1, 51): co-occurrence draws higher almost always
    expect(pop).toBeGreaterThanOrEqual(0.05);
  });

  it('reports the fixed blend\'s shares when the bandit is off', async () => {
    const stats = await new FeedbackService(new MemoryFeedbackCounters(), { ...OPTIONS, bandit: false }).blendStats();
    // DEFAULT_BLEND: sequence 2, cooccurrence 1, longtail 0.5, popular 0.25 (total 3.75)
    expect(stats.sources.map((s) => +s.weight.toFixed(4))).toEqual([0.5333, 0.2667, 0.1333, 0.0667]);
  });
});
