import { EVENT_WEIGHT, type EventType } from '@magpie/contracts';
import type { StatsModel } from './stats-model';

export interface StatsEvent {
  userId: number;
  productId: number;
  type: EventType;
  ts: number;
}

export interface StatsOptions {
  halfLifeDays: number;
  maxNeighbours: number;
  /** Two events of one shopper co-occur when at most this many positions apart. */
  window: number;
}

const DAY_MS = 86_400_000;

/**
 * Builds a StatsModel from events grouped by shopper and time-ordered within each shopper
 * (the order `EventRepository.scanForTraining` yields).
 *
 * Popularity:    pop(i) = Σ_events w(type) · 2^(−age / halfLife), age measured from the newest event.
 * Co-occurrence: c(i,j) = Σ over pairs within `window` positions of one shopper of 1/distance;
 *                sim(i,j) = c(i,j) / √(n(i) · n(j)), n = number of shoppers who touched the item
 *                (a cosine-style normalisation so popular items do not neighbour everything).
 */
export async function computeStats(
  batches: AsyncIterable<StatsEvent[]> | Iterable<StatsEvent[]>,
  options: StatsOptions,
  onProgress?: (eventsSeen: number) => Promise<void> | void,
): Promise<StatsModel> {
  const weightedEvents: StatsEvent[] = [];
  let referenceTs = 0;
  let seen = 0;
  for await (const batch of batches) {
    for (const e of batch) {
      if (EVENT_WEIGHT[e.type] <= 0) continue;
      weightedEvents.push(e);
      if (e.ts > referenceTs) referenceTs = e.ts;
    }
    seen += batch.length;
    await onProgress?.(seen);
  }

  const halfLifeMs = options.halfLifeDays * DAY_MS;
  const popularity = new Map<number, number>();
  const counts = new Map<number, number>();
  const shoppersPerItem = new Map<number, number>();
  const pairs = new Map<number, Map<number, number>>();
  const addPair = (a: number, b: number, w: number) => {
    let row = pairs.get(a);
    if (!row) pairs.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + w);
  };

  let start = 0;
  let users = 0;
  while (start < weightedEvents.length) {
    const userId = weightedEvents[start].userId;
    let end = start;
    while (end < weightedEvents.length && weightedEvents[end].userId === userId) end++;
    users++;
    // The shopper's item sequence with consecutive repeats collapsed (view → cart of one item is one step).
    const sequence: number[] = [];
    const touched = new Set<number>();
    for (let k = start; k < end; k++) {
      const e = weightedEvents[k];
      const w = EVENT_WEIGHT[e.type];
      popularity.set(e.productId, (popularity.get(e.productId) ?? 0) + w * Math.pow(2, -(referenceTs - e.ts) / halfLifeMs));
      counts.set(e.productId, (counts.get(e.productId) ?? 0) + w);
      touched.add(e.productId);
      if (sequence[sequence.length - 1] !== e.productId) sequence.push(e.productId);
    }
    for (const item of touched) shoppersPerItem.set(item, (shoppersPerItem.get(item) ?? 0) + 1);
    for (let a = 0; a < sequence.length; a++) {
      for (let d = 1; d <= options.window && a + d < sequence.length; d++) {
        const i = sequence[a];
        const j = sequence[a + d];
        if (i === j) continue;
        addPair(i, j, 1 / d);
        addPair(j, i, 1 / d);
      }
    }
    start = end;
  }

  const popularEntries = [...popularity.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
  const neighbours = new Map<number, { ids: Int32Array; scores: Float32Array }>();
  let pairCount = 0;
  for (const [i, row] of pairs) {
    const ni = shoppersPerItem.get(i) ?? 1;
    const scored = [...row.entries()]
      .map(([j, c]) => [j, c / Math.sqrt(ni * (shoppersPerItem.get(j) ?? 1))] as const)
      .sort((x, y) => y[1] - x[1] || x[0] - y[0])
      .slice(0, options.maxNeighbours);
    pairCount += scored.length;
    neighbours.set(i, { ids: Int32Array.from(scored, (s) => s[0]), scores: Float32Array.from(scored, (s) => s[1]) });
  }

  return {
    referenceTs,
    halfLifeDays: options.halfLifeDays,
    popular: {
      ids: Int32Array.from(popularEntries, (e) => e[0]),
      scores: Float32Array.from(popularEntries, (e) => e[1]),
    },
    neighbours,
    counts,
    figures: {
      events: weightedEvents.length,
      eventsScanned: seen,
      users,
      items: popularity.size,
      itemsWithNeighbours: neighbours.size,
      neighbourPairs: pairCount,
    },
  };
}
