import { MODEL_KINDS, SOURCES, type BlendStats, type BlendVersionStats, type Source } from '@magpie/contracts';
import type { FeedbackCount, FeedbackCounters, StoredProductEvent } from '@magpie/data';
import { createRandom, type Random } from '@magpie/math';
import { BLEND_SOURCES, DEFAULT_BLEND, ThompsonBlend, type BlendWeights, type SourceCounts } from '@magpie/recommendation';

export interface FeedbackServiceOptions {
  /** Adapt weights online; false = every request gets the fixed default blend. */
  bandit: boolean;
  floorShare: number;
  priorAlpha: number;
  priorBeta: number;
  /** Split of the weight above the floors ∝ draw^sharpness (see ThompsonBlend); default ∞ (the best draw takes it). */
  sharpness?: number;
  /** How long the counters read for the request path are trusted (0 = read on every request). */
  countsRefreshMs: number;
  /** Below this many impressions counted for a request's sources, it gets the fixed blend (the bandit has too little to go on). */
  warmupImpressions: number;
  /** Seed of the bandit's draws; absent = the clock. */
  seed?: number;
  now?: () => number;
  /**
   * The blend sources that can propose items now (e.g. no `sequence` before a sequence model is served);
   * `blendStats` weighs only these. Default: all four.
   */
  activeSources?: () => readonly Source[];
  /** Where an unreadable counter store is reported (the request then gets the default blend). */
  warn?: (message: string) => void;
}

const SOURCE_SET: ReadonlySet<string> = new Set(SOURCES);
const KIND_SET: ReadonlySet<string> = new Set(MODEL_KINDS);

/** A source as clients echo it ("SEQUENCE" from GraphQL or "sequence"); null when it is no known source. */
export function feedbackSource(value: string | null): Source | null {
  const source = value?.trim().toLowerCase() ?? '';
  return SOURCE_SET.has(source) ? (source as Source) : null;
}

/** A model version as `recommendations` hands it out ("SEQUENCE:12"); anything else counts as none (bounds the counters). */
export function feedbackModelVersion(value: string | null): string | null {
  const match = /^([A-Z_]+):(\d{1,12})$/.exec(value?.trim() ?? '');
  return match && KIND_SET.has(match[1]) ? `${match[1]}:${Number(match[2])}` : null;
}

const ctr = (impressions: number, clicks: number) => (impressions > 0 ? clicks / impressions : 0);

/**
 * The feedback loop at serving time: counts impressions and clicks per (source, model version) from
 * recorded events, turns the per-source counts into each request's blend weights (Thompson sampling,
 * floor share for every source), and reports both in `blendStats`.
 */
export class FeedbackService {
  private readonly bandit: ThompsonBlend;
  private readonly random: Random;
  private readonly now: () => number;
  private snapshot: { at: number; counts: SourceCounts } | null = null;
  private refreshing: Promise<SourceCounts> | null = null;

  constructor(
    private readonly counters: FeedbackCounters,
    private readonly options: FeedbackServiceOptions,
  ) {
    this.bandit = new ThompsonBlend({ floorShare: options.floorShare, priorAlpha: options.priorAlpha, priorBeta: options.priorBeta, sharpness: options.sharpness ?? Number.POSITIVE_INFINITY });
    this.random = createRandom(options.seed ?? Date.now());
    this.now = options.now ?? Date.now;
  }

  /** Counts the impressions and clicks among stored events that say which source showed the item. */
  async record(stored: readonly StoredProductEvent[]): Promise<void> {
    const increments: FeedbackCount[] = [];
    for (const event of stored) {
      const type = event.entry.type;
      if (type !== 'impression' && type !== 'click') continue;
      const source = feedbackSource(event.source);
      if (!source) continue;
      increments.push({ source, modelVersion: feedbackModelVersion(event.modelVersion), impressions: type === 'impression' ? 1 : 0, clicks: type === 'click' ? 1 : 0 });
    }
    if (increments.length === 0) return;
    await this.counters.add(increments);
    if (this.snapshot) this.snapshot.at = Number.NEGATIVE_INFINITY; // this process's own feedback shows at the next request
  }

  /**
   * The blend weights of one request over the sources that have candidates for it, or undefined for
   * the recommender's default blend (bandit off, no source to weigh, or still warming up: fewer than
   * `warmupImpressions` counted for these sources, when the fixed blend's lists gather the first feedback).
   */
  async weights(sources: readonly Source[]): Promise<BlendWeights | undefined> {
    if (!this.options.bandit || sources.length === 0) return undefined;
    try {
      const counts = await this.counts();
      const shown = sources.reduce((sum, s) => sum + (counts[s]?.impressions ?? 0), 0);
      if (shown < this.options.warmupImpressions) return undefined;
      return this.bandit.weights(sources, counts, this.random);
    } catch (error) {
      this.options.warn?.(`feedback counters unavailable, serving the default blend: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /**
   * Per source and per model version: impressions, clicks, CTR, posterior mean and current weight (fresh
   * counters). The weight is the expected share a request proposing every active source gets now: the
   * bandit's (Monte Carlo over its draws), or the fixed blend's when the bandit is off or warming up; 0 for
   * a source that cannot propose anything now.
   */
  async blendStats(): Promise<BlendStats> {
    const rows = await this.counters.all();
    const counts = sumBySource(rows);
    const blendSources = [...BLEND_SOURCES];
    const activeSet = new Set(this.options.activeSources?.() ?? BLEND_SOURCES);
    const active = blendSources.filter((s) => activeSet.has(s));
    const shown = active.reduce((sum, s) => sum + (counts[s]?.impressions ?? 0), 0);
    const adaptive = this.options.bandit && shown >= this.options.warmupImpressions;
    // A fixed seed: the same counters give the same reported shares.
    const shares = new Map(this.bandit.summarise(active, counts, createRandom(1), 4000).map((s) => [s.source, s.expectedShare]));
    const fixedTotal = active.reduce((sum, s) => sum + (DEFAULT_BLEND[s] ?? 0), 0);
    const weight = (source: Source) => {
      if (!active.includes(source)) return 0;
      return adaptive ? (shares.get(source) ?? 0) : (DEFAULT_BLEND[source] ?? 0) / fixedTotal;
    };
    const others = [...new Set(rows.map((r) => r.source as Source))].filter((s) => !blendSources.includes(s));
    const { priorAlpha, priorBeta } = this.options;
    return {
      bandit: this.options.bandit,
      floorShare: this.options.floorShare,
      sources: [...blendSources, ...others].map((source) => {
        const { impressions, clicks } = counts[source] ?? { impressions: 0, clicks: 0 };
        const versions: BlendVersionStats[] = rows
          .filter((r) => r.source === source)
          .map((r) => ({ modelVersion: r.modelVersion, impressions: r.impressions, clicks: r.clicks, ctr: ctr(r.impressions, r.clicks) }));
        return {
          source, impressions, clicks, ctr: ctr(impressions, clicks),
          posteriorMean: (priorAlpha + Math.min(clicks, impressions)) / (priorAlpha + priorBeta + impressions),
          weight: weight(source),
          versions,
        };
      }),
    };
  }

  /** Per-source counts for the request path: cached for `countsRefreshMs`, refreshed in the background once stale. */
  private async counts(): Promise<SourceCounts> {
    const snapshot = this.snapshot;
    if (snapshot && this.now() - snapshot.at < this.options.countsRefreshMs) return snapshot.counts;
    const refresh = (this.refreshing ??= this.counters
      .all()
      .then((rows) => {
        const counts = sumBySource(rows);
        this.snapshot = { at: this.now(), counts };
        return counts;
      })
      .finally(() => {
        this.refreshing = null;
      }));
    if (snapshot && this.options.countsRefreshMs > 0) {
      refresh.catch(() => undefined); // a failed background read keeps the stale counts; the next request retries
      return snapshot.counts;
    }
    return refresh;
  }
}

/** Per-source totals over every model version. */
function sumBySource(rows: readonly FeedbackCount[]): SourceCounts {
  const counts: SourceCounts = {};
  for (const row of rows) {
    const source = feedbackSource(row.source);
    if (!source) continue;
    const total = (counts[source] ??= { impressions: 0, clicks: 0 });
    total.impressions += row.impressions;
    total.clicks += row.clicks;
  }
  return counts;
}
