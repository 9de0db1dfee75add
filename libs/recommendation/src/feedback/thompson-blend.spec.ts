import type { Source } from '@magpie/contracts';
import { createRandom } from '@magpie/math';
import { ThompsonBlend, type SourceCounts } from './thompson-blend';

const SOURCES: Source[] = ['sequence', 'cooccurrence', 'longtail', 'popular'];

/**
 * A simulated Bernoulli problem: per round the bandit picks blend weights, the leading source's item
 * is shown, and it is clicked with that source's true click-through.
 */
function simulate(truth: Partial<Record<Source, number>>, rounds: number, seed: number) {
  const bandit = new ThompsonBlend({ floorShare: 0.05 });
  const random = createRandom(seed);
  const world = createRandom(seed + 1);
  const counts: SourceCounts = {};
  const leaders: Source[] = [];
  for (let t = 0; t < rounds; t++) {
    const weights = bandit.weights(SOURCES, counts, random);
    const leader = SOURCES.reduce((a, b) => ((weights[b] ?? 0) > (weights[a] ?? 0) ? b : a));
    leaders.push(leader);
    const arm = (counts[leader] ??= { impressions: 0, clicks: 0 });
    arm.impressions++;
    if (world.next() < (truth[leader] ?? 0)) arm.clicks++;
  }
  return { leaders, counts, bandit };
}

describe('ThompsonBlend', () => {
  const truth = { sequence: 0.04, cooccurrence: 0.1, longtail: 0.03, popular: 0.02 };

  it('converges to the source with the best click-through on a simulated Bernoulli problem', () => {
    const { leaders, counts } = simulate(truth, 4000, 5);
    const last = leaders.slice(-1000);
    const share = last.filter((s) => s === 'cooccurrence').length / last.length;
    expect(share).toBeGreaterThan(0.9);
    const first = leaders.slice(0, 200);
    expect(first.filter((s) => s === 'cooccurrence').length / first.length).toBeLessThan(share); // it did explore
    expect(counts.cooccurrence!.impressions).toBeGreaterThan(3000);
  });

  it('gives every source at least the floor share, and the leader the rest', () => {
    const bandit = new ThompsonBlend({ floorShare: 0.05, total: 4 });
    const random = createRandom(9);
    const counts: SourceCounts = { cooccurrence: { impressions: 10_000, clicks: 2_000 }, popular: { impressions: 10_000, clicks: 10 } };
    for (let i = 0; i < 200; i++) {
      const weights = bandit.weights(SOURCES, counts, random);
      const values = SOURCES.map((s) => weights[s] ?? 0);
      const total = values.reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(4, 10);
      for (const v of values) expect(v / total).toBeGreaterThanOrEqual(0.05 - 1e-12);
      expect(Math.max(...values) / total).toBeCloseTo(0.85, 10);
    }
  });

  it('shrinks a floor too large for the number of sources to an equal split', () => {
    const weights = new ThompsonBlend({ floorShare: 0.4 }).weights(SOURCES, {}, createRandom(1));
    expect(SOURCES.map((s) => weights[s])).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('is deterministic under a seed and differs across seeds', () => {
    const a = simulate(truth, 300, 42).leaders;
    expect(simulate(truth, 300, 42).leaders).toEqual(a);
    expect(simulate(truth, 300, 43).leaders).not.toEqual(a);
  });

  it('summarises counts, click-through, posterior mean and the expected share per source', () => {
    const bandit = new ThompsonBlend({ floorShare: 0.05 });
    const counts: SourceCounts = { cooccurrence: { impressions: 1000, clicks: 100 }, popular: { impressions: 1000, clicks: 10 } };
    const [co, pop] = bandit.summarise(['cooccurrence', 'popular'], counts, createRandom(2), 1000);
    expect(co).toMatchObject({ source: 'cooccurrence', impressions: 1000, clicks: 100, ctr: 0.1 });
    expect(co.posteriorMean).toBeCloseTo(101 / 1002, 10);
    expect(pop.posteriorMean).toBeCloseTo(11 / 1002, 10);
    expect(co.expectedShare).toBeCloseTo(0.95, 5); // wins every draw: floor 0.05 + lead 0.9
    expect(pop.expectedShare).toBeCloseTo(0.05, 5);
    expect(co.expectedShare + pop.expectedShare).toBeCloseTo(1, 10);
  });

  it('treats clicks beyond impressions as impressions (counts from clients are not trusted)', () => {
    const [s] = new ThompsonBlend().summarise(['popular'], { popular: { impressions: 2, clicks: 5 } }, createRandom(1), 10);
    expect(s.clicks).toBe(2);
  });

  it('with sharpness 1 splits the weight above the floors in proportion to the draws (so to the click-through, once counts are large)', () => {
    const bandit = new ThompsonBlend({ floorShare: 0.05, sharpness: 1 });
    const counts: SourceCounts = { cooccurrence: { impressions: 100_000, clicks: 6_000 }, popular: { impressions: 100_000, clicks: 2_000 } };
    const random = createRandom(4);
    let co = 0;
    for (let i = 0; i < 500; i++) {
      const w = bandit.weights(['cooccurrence', 'popular'], counts, random);
      expect(w.cooccurrence! + w.popular!).toBeCloseTo(1, 10);
      expect(w.popular).toBeGreaterThanOrEqual(0.05);
      co += w.cooccurrence! / 500;
    }
    expect(co).toBeCloseTo(0.05 + 0.9 * (0.06 / 0.08), 2); // 0.725
    const [summary] = bandit.summarise(['cooccurrence', 'popular'], counts, createRandom(5), 500);
    expect(summary.expectedShare).toBeCloseTo(0.725, 2);
  });

  it('sharper splits move toward the leader-takes-all split', () => {
    const counts: SourceCounts = { cooccurrence: { impressions: 100_000, clicks: 6_000 }, popular: { impressions: 100_000, clicks: 2_000 } };
    const share = (sharpness: number) => new ThompsonBlend({ sharpness }).summarise(['cooccurrence', 'popular'], counts, createRandom(6), 300)[0].expectedShare;
    expect(share(1)).toBeLessThan(share(4));
    expect(share(4)).toBeLessThan(share(Number.POSITIVE_INFINITY));
    expect(share(Number.POSITIVE_INFINITY)).toBeCloseTo(0.95, 10);
  });

  it('rejects options that make no posterior', () => {
    expect(() => new ThompsonBlend({ sharpness: 0 })).toThrow(RangeError);
    expect(() => new ThompsonBlend({ floorShare: 1 })).toThrow(RangeError);
    expect(() => new ThompsonBlend({ priorAlpha: 0 })).toThrow(RangeError);
  });
});
