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
}

export const THOMPSON_DEFAULTS: ThompsonBlendOptions = { floorShare: 0.05, priorAlpha: 1, priorBeta: 1, total: 1 };

/** One source as `blendStats` reports it. */
export interface ArmSummary {
  source: Source;
  impressions: number;
  clicks: number;
  /** clicks / impressions (0 before any impression). */
  ctr: number;
  /** Posterior mean click-through: (alpha + clicks) / (alpha + beta + impressions). */
  posteriorMean: number;
  /** Expected share of the total weight: floor + (1 − n·floor) · P(this source samples highest). */
  expectedShare: number;
}

/**
 * Thompson sampling over blend sources. Each source's click-through has a Beta posterior
 * Beta(alpha + clicks, beta + impressions − clicks). Per request one value is drawn from each
 * posterior; the source that draws highest leads: it gets 1 − (n − 1)·floor of the total weight and
 * every other source gets the floor share. Sources that rarely win still get the floor (and their
 * posteriors keep being sampled), so none is starved. Pure: counts and a `Random` in, weights out.
 */
export class ThompsonBlend {
  readonly options: ThompsonBlendOptions;

  constructor(options: Partial<ThompsonBlendOptions> = {}) {
    this.options = { ...THOMPSON_DEFAULTS, ...options };
    const { floorShare, priorAlpha, priorBeta, total } = this.options;
    if (!(floorShare >= 0 && floorShare < 1)) throw new RangeError(`floorShare must be in [0, 1), got ${floorShare}`);
    if (!(priorAlpha > 0 && priorBeta > 0)) throw new RangeError('the Beta prior needs alpha > 0 and beta > 0');
    if (!(total > 0)) throw new RangeError(`total must be > 0, got ${total}`);
  }

  /** The blend weights of one request over `sources` (the sources that have candidates for it). */
  weights(sources: readonly Source[], counts: SourceCounts, random: Random): BlendWeights {
    const leader = this.leader(sources, counts, random);
    return this.weightsFor(sources, leader);
  }

  /** Per-source summaries, with the expected share estimated from `draws` Thompson draws. */
  summarise(sources: readonly Source[], counts: SourceCounts, random: Random, draws = 2000): ArmSummary[] {
    const wins = new Map<Source, number>(sources.map((s) => [s, 0]));
    for (let i = 0; i < draws; i++) {
      const leader = this.leader(sources, counts, random);
      if (leader) wins.set(leader, (wins.get(leader) ?? 0) + 1);
    }
    const { floor, lead } = this.shares(sources.length);
    const { priorAlpha, priorBeta } = this.options;
    return sources.map((source) => {
      const { impressions, clicks } = clean(counts[source]);
      return {
        source,
        impressions,
        clicks,
        ctr: impressions > 0 ? clicks / impressions : 0,
        posteriorMean: (priorAlpha + clicks) / (priorAlpha + priorBeta + impressions),
        expectedShare: floor + (lead * (wins.get(source) ?? 0)) / draws,
      };
    });
  }

  /** The source whose posterior draw is highest (null without sources). */
  private leader(sources: readonly Source[], counts: SourceCounts, random: Random): Source | null {
    let best: Source | null = null;
    let bestDraw = -1;
    for (const source of sources) {
      const { impressions, clicks } = clean(counts[source]);
      const draw = sampleBeta(random, this.options.priorAlpha + clicks, this.options.priorBeta + impressions - clicks);
      if (draw > bestDraw) {
        bestDraw = draw;
        best = source;
      }
    }
    return best;
  }

  /** Floor share for everyone, the rest to the leader; a floor too large for n sources shrinks to 1/n. */
  private shares(n: number): { floor: number; lead: number } {
    if (n === 0) return { floor: 0, lead: 0 };
    const floor = Math.min(this.options.floorShare, 1 / n);
    return { floor, lead: 1 - n * floor };
  }

  private weightsFor(sources: readonly Source[], leader: Source | null): BlendWeights {
    const { floor, lead } = this.shares(sources.length);
    const weights: BlendWeights = {};
    for (const source of sources) weights[source] = this.options.total * (floor + (source === leader ? lead : 0));
    return weights;
  }
}

/** Counts as the posterior needs them: non-negative integers, clicks ≤ impressions. */
function clean(counts: ArmCounts | undefined): ArmCounts {
  const impressions = Math.max(0, Math.floor(counts?.impressions ?? 0));
  const clicks = Math.min(impressions, Math.max(0, Math.floor(counts?.clicks ?? 0)));
  return { impressions, clicks };
}
