import type { Source } from '@magpie/contracts';
import type { Random } from '@magpie/math';
import type { BlendWeights } from '../pipeline/candidate';
import { sampleBeta } from './beta';

/** The sources the blend mixes (and the bandit weighs); `similar` and `search` answer other questions. */
export const BLEND_SOURCES: readonly Source[] = ['sequence', 'cooccurrence', 'longtail', 'popular'];

/** What the feedback loop counted for one source: items shown and items clicked. */
export interface ArmCounts {
  impressions: number;
  clicks: number;
}

export type SourceCounts = Partial<Record<Source, ArmCounts>>;

export interface ThompsonBlendOptions {
  /** Every source's weight is at least this share of the total (so none is starved); default 0.05. */
  floorShare: number;
  /** Beta prior on each source's click-through: alpha = prior clicks, beta = prior misses; default 1, 1 (uniform). */
  priorAlpha: number;
  priorBeta: number;
  /** Sum of the weights handed to the blend (only ratios matter to it); default 1. */
  total: number;
  /**
   * How the draws become shares of the weight above the floors: each source gets θ_s^p / Σ θ^p of it
   * (θ = its draw). Infinity (default) = classic Thompson sampling: the source that draws highest takes
   * it all. p = 1 splits it in proportion to the draws, so several good sources share the page.
   */
  sharpness: number;
}

export const THOMPSON_DEFAULTS: ThompsonBlendOptions = { floorShare: 0.05, priorAlpha: 1, priorBeta: 1, total: 1, sharpness: Number.POSITIVE_INFINITY };

/** One source as `blendStats` reports it. */
export interface ArmSummary {
  source: Source;
  impressions: number;
  clicks: number;
  /** clicks / impressions (0 before any impression). */
  ctr: number;
  /** Posterior mean click-through: (alpha + clicks) / (alpha + beta + impressions). */
  posteriorMean: number;
  /** Expected share of the total weight: floor + (1 − n·floor) · E[θ^p / Σθ^p] (with p = ∞: P(this source draws highest)). */
  expectedShare: number;
}

/**
 * Thompson sampling over blend sources. Each source's click-through has a Beta posterior
 * Beta(alpha + clicks, beta + impressions − clicks). Per request one value θ_s is drawn from each
 * posterior; every source gets the floor share and the rest, 1 − n·floor, is split by θ_s^p / Σ θ^p
 * (`sharpness` p; with p = ∞ the source that draws highest takes all of it). Sources that rarely win
 * still get the floor (and their posteriors keep being sampled), so none is starved. Pure: counts and
 * a `Random` in, weights out.
 */
export class ThompsonBlend {
  readonly options: ThompsonBlendOptions;

  constructor(options: Partial<ThompsonBlendOptions> = {}) {
    this.options = { ...THOMPSON_DEFAULTS, ...options };
    const { floorShare, priorAlpha, priorBeta, total, sharpness } = this.options;
    if (!(sharpness > 0)) throw new RangeError(`sharpness must be > 0, got ${sharpness}`);
    if (!(floorShare >= 0 && floorShare < 1)) throw new RangeError(`floorShare must be in [0, 1), got ${floorShare}`);
    if (!(priorAlpha > 0 && priorBeta > 0)) throw new RangeError('the Beta prior needs alpha > 0 and beta > 0');
    if (!(total > 0)) throw new RangeError(`total must be > 0, got ${total}`);
  }

  /** The blend weights of one request over `sources` (the sources that have candidates for it). */
  weights(sources: readonly Source[], counts: SourceCounts, random: Random): BlendWeights {
    const split = this.split(sources, counts, random);
    const { floor, lead } = this.shares(sources.length);
    const weights: BlendWeights = {};
    sources.forEach((source, i) => (weights[source] = this.options.total * (floor + lead * split[i])));
    return weights;
  }

  /** Per-source summaries, with the expected share estimated from `draws` Thompson draws. */
  summarise(sources: readonly Source[], counts: SourceCounts, random: Random, draws = 2000): ArmSummary[] {
    const mean = new Float64Array(sources.length);
    for (let d = 0; d < draws; d++) {
      const split = this.split(sources, counts, random);
      for (let i = 0; i < split.length; i++) mean[i] += split[i] / draws;
    }
    const { floor, lead } = this.shares(sources.length);
    const { priorAlpha, priorBeta } = this.options;
    return sources.map((source, i) => {
      const { impressions, clicks } = clean(counts[source]);
      return {
        source,
        impressions,
        clicks,
        ctr: impressions > 0 ? clicks / impressions : 0,
        posteriorMean: (priorAlpha + clicks) / (priorAlpha + priorBeta + impressions),
        expectedShare: floor + lead * mean[i],
      };
    });
  }

  /** One posterior draw per source, turned into the split of the weight above the floors (sums to 1). */
  private split(sources: readonly Source[], counts: SourceCounts, random: Random): Float64Array {
    const draws = sources.map((source) => {
      const { impressions, clicks } = clean(counts[source]);
      return sampleBeta(random, this.options.priorAlpha + clicks, this.options.priorBeta + impressions - clicks);
    });
    const split = new Float64Array(sources.length);
    if (sources.length === 0) return split;
    const p = this.options.sharpness;
    if (p === Number.POSITIVE_INFINITY) {
      let best = 0;
      for (let i = 1; i < draws.length; i++) if (draws[i] > draws[best]) best = i;
      split[best] = 1;
      return split;
    }
    // θ^p / Σθ^p computed as exp(p·(log θ − max log θ)) so small draws and large p do not underflow to 0/0.
    const logs = draws.map((d) => p * Math.log(Math.max(d, Number.MIN_VALUE)));
    const top = Math.max(...logs);
    let sum = 0;
    for (let i = 0; i < logs.length; i++) sum += split[i] = Math.exp(logs[i] - top);
    for (let i = 0; i < split.length; i++) split[i] /= sum;
    return split;
  }

  /** Floor share for everyone, the rest to the leader; a floor too large for n sources shrinks to 1/n. */
  private shares(n: number): { floor: number; lead: number } {
    if (n === 0) return { floor: 0, lead: 0 };
    const floor = Math.min(this.options.floorShare, 1 / n);
    return { floor, lead: 1 - n * floor };
  }
}

/** Counts as the posterior needs them: non-negative integers, clicks ≤ impressions. */
function clean(counts: ArmCounts | undefined): ArmCounts {
  const impressions = Math.max(0, Math.floor(counts?.impressions ?? 0));
  const clicks = Math.min(impressions, Math.max(0, Math.floor(counts?.clicks ?? 0)));
  return { impressions, clicks };
}
