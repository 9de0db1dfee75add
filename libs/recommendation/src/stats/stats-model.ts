/**
 * Non-learned statistics the gateway serves: time-decayed popularity and item co-occurrence
 * ("viewed/bought together"). Built by the `train-stats` job, stored as a model artifact.
 */
export interface StatsModel {
  /** Epoch ms of the newest event used: the "now" of the time decay. */
  referenceTs: number;
  halfLifeDays: number;
  /** Item ids ordered by decayed popularity, most popular first, with their scores. */
  popular: { ids: Int32Array; scores: Float32Array };
  /** Per item: neighbours ordered by similarity, strongest first. */
  neighbours: Map<number, { ids: Int32Array; scores: Float32Array }>;
  /** Weighted interaction count per item (all time), for head/tail splits. */
  counts: Map<number, number>;
  /** Summary figures recorded as the version's metrics. */
  figures: Record<string, number>;
}

/** Popularity rank of each item (0 = most popular) from a model, for tail tests. */
export function popularityRanks(model: StatsModel): Map<number, number> {
  const ranks = new Map<number, number>();
  model.popular.ids.forEach((id, rank) => ranks.set(id, rank));
  return ranks;
}

/** Items outside the `headShare` most popular fraction of the items that have any interaction. */
export function isTailItem(model: StatsModel, headShare: number): (id: number) => boolean {
  const headSize = Math.ceil(model.popular.ids.length * headShare);
  const head = new Set<number>(model.popular.ids.subarray(0, headSize));
  return (id) => !head.has(id);
}
