import type { Source } from '@magpie/contracts';
import { createRandom } from '@magpie/math';
import { blend } from '../pipeline/blend';
import type { BlendWeights, Candidate } from '../pipeline/candidate';
import type { SourceCounts, ThompsonBlend } from './thompson-blend';

/** A held-out shopper of the simulated-feedback benchmark: every source's candidates (already filtered) and what they really chose next. */
export interface SimulatedShopper {
  candidates: Candidate[];
  /** The item the shopper clicks if it is shown. */
  target: number;
}

/** Clicks and impressions of a run, and clicks / impressions. */
export interface ClickThrough {
  impressions: number;
  clicks: number;
  ctr: number;
}

/** One window of a bandit run: rounds so far, the window's click-through and its mean weight shares. */
export interface BanditWindow {
  round: number;
  ctr: number;
  shares: Partial<Record<Source, number>>;
}

export interface BanditRun {
  windows: BanditWindow[];
  /** Click-through over the last `tailFraction` of the rounds. */
  tail: ClickThrough;
  overall: ClickThrough;
  /** What the bandit had counted per source at the end. */
  counts: SourceCounts;
}

export interface BanditSimulationOptions {
  bandit: ThompsonBlend;
  rounds: number;
  /** Items shown per round. */
  first: number;
  seed: number;
  /** Rounds per reported window. */
  window: number;
  /** The part of the run (at the end) whose click-through is reported as `tail`; default 0.25. */
  tailFraction?: number;
}

/** Sources with at least one candidate for this shopper, in a fixed order. */
function sourcesOf(shopper: SimulatedShopper, order: readonly Source[]): Source[] {
  const present = new Set(shopper.candidates.map((c) => c.source));
  return order.filter((s) => present.has(s));
}

const SOURCE_ORDER: readonly Source[] = ['sequence', 'cooccurrence', 'longtail', 'popular'];

/**
 * Shows one list: the blend of the shopper's candidates under `weights`, top `first`. The shopper
 * clicks iff their real next item is shown; the click goes to the source the blend credited the item to.
 */
export function showList(shopper: SimulatedShopper, weights: BlendWeights, first: number): { shown: Candidate[]; clicked: Candidate | null } {
  const shown = blend(shopper.candidates, weights, first);
  return { shown, clicked: shown.find((c) => c.productId === shopper.target) ?? null };
}

/** The click-through of a fixed blend over every shopper once (deterministic: the exact expectation of a uniform draw). */
export function fixedBlendClickThrough(shoppers: readonly SimulatedShopper[], weights: BlendWeights, first: number): ClickThrough {
  let impressions = 0;
  let clicks = 0;
  for (const shopper of shoppers) {
    const { shown, clicked } = showList(shopper, weights, first);
    impressions += shown.length;
    if (clicked) clicks++;
  }
  return { impressions, clicks, ctr: impressions > 0 ? clicks / impressions : 0 };
}

/**
 * The bandit online: each round draws a shopper uniformly (seeded), asks the bandit for weights over
 * the sources that have candidates for them, shows the blend, and feeds the impressions and the click
 * (if any) back into the per-source counts the next round's draw uses.
 */
export function simulateBandit(shoppers: readonly SimulatedShopper[], options: BanditSimulationOptions): BanditRun {
  if (shoppers.length === 0) throw new RangeError('simulateBandit needs shoppers');
  const random = createRandom(options.seed);
  const pick = createRandom(options.seed ^ 0x5bd1e995);
  const counts: SourceCounts = {};
  const tailStart = Math.floor(options.rounds * (1 - (options.tailFraction ?? 0.25)));
  const tail = { impressions: 0, clicks: 0 };
  const overall = { impressions: 0, clicks: 0 };
  const windows: BanditWindow[] = [];
  let win = { impressions: 0, clicks: 0, rounds: 0, shares: {} as Partial<Record<Source, number>> };
  for (let round = 0; round < options.rounds; round++) {
    const shopper = shoppers[pick.int(shoppers.length)];
    const sources = sourcesOf(shopper, SOURCE_ORDER);
    const weights = options.bandit.weights(sources, counts, random);
    const { shown, clicked } = showList(shopper, weights, options.first);
    for (const c of shown) (counts[c.source] ??= { impressions: 0, clicks: 0 }).impressions++;
    if (clicked) counts[clicked.source]!.clicks++;
    const click = clicked ? 1 : 0;
    overall.impressions += shown.length;
    overall.clicks += click;
    if (round >= tailStart) {
      tail.impressions += shown.length;
      tail.clicks += click;
    }
    win.impressions += shown.length;
    win.clicks += click;
    win.rounds++;
    const total = sources.reduce((sum, s) => sum + (weights[s] ?? 0), 0);
    for (const s of sources) win.shares[s] = (win.shares[s] ?? 0) + (weights[s] ?? 0) / total;
    if (win.rounds === options.window || round === options.rounds - 1) {
      const shares: Partial<Record<Source, number>> = {};
      for (const [s, v] of Object.entries(win.shares) as [Source, number][]) shares[s] = v / win.rounds;
      windows.push({ round: round + 1, ctr: win.impressions > 0 ? win.clicks / win.impressions : 0, shares });
      win = { impressions: 0, clicks: 0, rounds: 0, shares: {} };
    }
  }
  const rate = (x: { impressions: number; clicks: number }): ClickThrough => ({ ...x, ctr: x.impressions > 0 ? x.clicks / x.impressions : 0 });
  return { windows, tail: rate(tail), overall: rate(overall), counts };
}

/**
 * The click-through of the bandit's policy frozen at `counts`: every shopper `passes` times, each time
 * with weights freshly drawn from the posteriors (no learning in between). Less noisy than a window of
 * the online run, since every shopper counts equally.
 */
export function frozenPolicyClickThrough(
  shoppers: readonly SimulatedShopper[],
  bandit: ThompsonBlend,
  counts: SourceCounts,
  options: { first: number; seed: number; passes: number },
): ClickThrough {
  const random = createRandom(options.seed);
  let impressions = 0;
  let clicks = 0;
  for (let pass = 0; pass < options.passes; pass++) {
    for (const shopper of shoppers) {
      const { shown, clicked } = showList(shopper, bandit.weights(sourcesOf(shopper, SOURCE_ORDER), counts, random), options.first);
      impressions += shown.length;
      if (clicked) clicks++;
    }
  }
  return { impressions, clicks, ctr: impressions > 0 ? clicks / impressions : 0 };
}

/** Every blend on the simplex grid over `sources` with shares in steps of 1/`steps` (shares sum to 1). */
export function simplexGrid(sources: readonly Source[], steps: number): BlendWeights[] {
  const out: BlendWeights[] = [];
  const walk = (index: number, left: number, current: BlendWeights) => {
    if (index === sources.length - 1) {
      out.push({ ...current, [sources[index]]: left / steps });
      return;
    }
    for (let k = 0; k <= left; k++) walk(index + 1, left - k, { ...current, [sources[index]]: k / steps });
  };
  if (sources.length > 0) walk(0, steps, {});
  return out;
}
