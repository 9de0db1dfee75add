import type { Source } from '@magpie/contracts';
import { createRandom } from '@magpie/math';
import type { Candidate } from '../pipeline/candidate';
import { fixedBlendClickThrough, frozenPolicyClickThrough, simplexGrid, simulateBandit, type SimulatedShopper } from './blend-simulation';
import { ThompsonBlend } from './thompson-blend';

/**
 * A small world where one source knows better: 'cooccurrence' ranks the shopper's next item first
 * for 60% of shoppers, 'popular' for 10%; each source proposes 10 items (disjoint ids).
 */
function world(n: number, seed: number): SimulatedShopper[] {
  const random = createRandom(seed);
  return Array.from({ length: n }, (_, u) => {
    const target = 1_000_000 + u;
    const list = (source: Source, base: number, hit: boolean): Candidate[] =>
      Array.from({ length: 10 }, (_, i) => ({ productId: i === 0 && hit ? target : base + u * 100 + i, score: 10 - i, source }));
    const r = random.next();
    return { target, candidates: [...list('cooccurrence', 0, r < 0.6), ...list('popular', 50, r >= 0.6 && r < 0.7)] };
  });
}

describe('blend simulation', () => {
  const shoppers = world(500, 1);

  it('measures a fixed blend exactly: a click whenever the next item is among the shown', () => {
    // With co-occurrence leading, its 10 items fill the page of 10: the 60% hits.
    expect(fixedBlendClickThrough(shoppers, { cooccurrence: 1, popular: 0.05 }, 10).ctr).toBeCloseTo(0.06, 2);
    expect(fixedBlendClickThrough(shoppers, { cooccurrence: 0.05, popular: 1 }, 10).ctr).toBeCloseTo(0.01, 2);
  });

  it('lets the bandit (proportional split) reach the best fixed blend\'s click-through, a mixture here', () => {
    const run = simulateBandit(shoppers, { bandit: new ThompsonBlend({ floorShare: 0.05, sharpness: 1 }), rounds: 3000, first: 10, seed: 2, window: 500 });
    const best = Math.max(...simplexGrid(['cooccurrence', 'popular'], 10).map((w) => fixedBlendClickThrough(shoppers, w, 10).ctr));
    expect(run.tail.ctr).toBeGreaterThan(0.9 * best);
    const last = run.windows.at(-1)!.shares;
    expect(last.cooccurrence).toBeGreaterThan(last.popular!);
    expect(last.popular).toBeGreaterThan(0.1); // the mixture: popular's first item makes the page
    expect(run.windows[0].ctr).toBeLessThan(run.windows.at(-1)!.ctr);
    expect(run.counts.cooccurrence!.clicks).toBeGreaterThan(run.counts.popular!.clicks);
    const frozen = frozenPolicyClickThrough(shoppers, new ThompsonBlend({ floorShare: 0.05, sharpness: 1 }), run.counts, { first: 10, seed: 3, passes: 2 });
    expect(frozen.impressions).toBe(2 * 500 * 10);
    expect(frozen.ctr).toBeGreaterThan(0.9 * best);
    // Frozen before any feedback, the policy is the prior's: a coin flip between the sources per shopper.
    const naive = frozenPolicyClickThrough(shoppers, new ThompsonBlend({ floorShare: 0.05, sharpness: 1 }), {}, { first: 10, seed: 3, passes: 2 });
    expect(naive.ctr).toBeLessThan(frozen.ctr);
  });

  it('falls short of a mixture when the leader takes all (classic Thompson sampling) in this world', () => {
    const run = simulateBandit(shoppers, { bandit: new ThompsonBlend({ floorShare: 0.05 }), rounds: 3000, first: 10, seed: 2, window: 500 });
    expect(run.tail.ctr).toBeCloseTo(0.06, 2); // co-occurrence's page only: 0.6 clicks per 10 items
    expect(run.windows.at(-1)!.shares.cooccurrence).toBeGreaterThan(0.9);
  });

  it('is deterministic under a seed', () => {
    const options = { bandit: new ThompsonBlend(), rounds: 400, first: 10, seed: 9, window: 100 };
    expect(simulateBandit(shoppers, options)).toEqual(simulateBandit(shoppers, options));
  });

  it('enumerates the simplex grid: shares in steps, summing to 1', () => {
    const grid = simplexGrid(['sequence', 'cooccurrence', 'longtail', 'popular'], 10);
    expect(grid).toHaveLength(286); // C(13, 3)
    for (const w of grid) expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(grid).toContainEqual({ sequence: 0, cooccurrence: 0.3, longtail: 0.2, popular: 0.5 });
  });
});
