import { EVENT_WEIGHT, type HistoryEntry } from '@magpie/contracts';
import type { StatsModel } from '../../stats/stats-model';
import type { Candidate } from '../candidate';
import type { Recommender } from '../recommender';
import { tailCandidates } from '../tail-candidates';
import type { RankerList } from './fit-ranker';
import { itemSignals, rankingFeatures } from './ranking-features';

export interface HeldOutListOptions {
  stats: StatsModel;
  /** The recommender whose blended pool (`candidatePool`) is ranked; built without a ranker. */
  recommender: Pick<Recommender, 'candidatePool'>;
  isTail: (id: number) => boolean;
  lookup: Parameters<typeof rankingFeatures>[1]['lookup'];
  /** Recent events a decision sees (the serving history length). */
  historyLength: number;
  /** Blended candidates per decision (the serving pool size). */
  poolSize: number;
  /** Decisions taken from each shopper: their last `decisions` interactions (default 3). */
  decisions?: number;
  /** The served sequence model's candidates for a history (as `sequenceCandidates`), when one is active. */
  sequence?: (recent: HistoryEntry[]) => Promise<readonly Candidate[]>;
}

/** Index of each of the shopper's interactions (view, click, cart, purchase) in their events. */
const interactionIndices = (events: ReadonlyArray<Pick<HistoryEntry, 'type'>>) => events.flatMap((e, i) => (EVENT_WEIGHT[e.type] > 0 ? [i] : []));

/**
 * A shopper's events before their last `decisions` interactions: what the statistics a ranker is
 * trained with may contain, so that no decision's own interaction is in the co-occurrence it is
 * ranked by (as at serving time, where a shopper's fresh events are newer than the statistics).
 */
export function eventsBeforeDecisions<T extends Pick<HistoryEntry, 'type'>>(events: readonly T[], decisions: number): T[] {
  const indices = interactionIndices(events);
  return indices.length <= decisions ? [] : events.slice(0, indices[indices.length - decisions]);
}

/**
 * Held-out decisions of one shopper for the ranker: for each of their last interactions (view, click,
 * cart, purchase), the pool the serving pipeline would have blended from the events before it
 * (the sequence model's proposals when `sequence` is given, co-occurrence, the tail neighbours of the
 * history, popular), with that interaction as the positive and the other candidates as negatives. A
 * decision whose item is not in the pool teaches nothing and is skipped. `stats` should not hold the
 * decisions themselves (see `eventsBeforeDecisions`).
 */
export async function heldOutLists(events: readonly HistoryEntry[], options: HeldOutListOptions): Promise<RankerList[]> {
  const lists: RankerList[] = [];
  const signals = itemSignals(options.stats);
  for (const at of interactionIndices(events).slice(-(options.decisions ?? 3))) {
    if (at === 0) continue;
    const before = events.slice(0, at);
    const recent = before.slice(-options.historyLength);
    const state = {
      recent,
      purchased: before.filter((e) => e.type === 'purchase').map((e) => e.productId),
      disliked: before.filter((e) => e.type === 'dislike').map((e) => e.productId),
    };
    const longtail = tailCandidates(recent, options.stats, options.isTail, { limit: 50, anchors: 20 });
    const sequence = options.sequence ? await options.sequence(recent) : undefined;
    const pool = options.recommender.candidatePool({ state, sequence, longtail, first: options.poolSize }, options.poolSize);
    const positive = pool.findIndex((c) => c.productId === events[at].productId);
    if (positive < 0 || pool.length < 2) continue;
    lists.push({
      rows: rankingFeatures(pool, { history: recent, lookup: options.lookup, signals, isTail: options.isTail }),
      itemIds: Int32Array.from(pool, (c) => c.productId),
      historyIds: Int32Array.from(recent, (e) => e.productId),
      positive,
    });
  }
  return lists;
}
