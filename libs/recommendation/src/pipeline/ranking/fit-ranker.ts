import { createRandom, ndcgAtRank, rankOf, reciprocalOfRank } from '@magpie/math';
import { createRankerModel, rankerScores, rankerSgdStep, shopperRows, type RankerModel } from './ranker-model';
import { FEATURE_COUNT } from './ranking-features';

/**
 * One held-out decision: the merged candidate list a shopper was offered (blended order), and which
 * of them the shopper really interacted with next.
 */
export interface RankerList {
  /** Feature rows, list length × FEATURE_COUNT (rankingFeatures). */
  rows: Float32Array;
  /** Product id of each row. */
  itemIds: Int32Array;
  /** The shopper's history before the decision, oldest first. */
  historyIds: Int32Array;
  /** Row of the item the shopper interacted with next. */
  positive: number;
}

export interface FitRankerOptions {
  /** Factor size of H and C (default 16). */
  dim?: number;
  /** Passes over the lists (default 8). */
  epochs?: number;
  /** Learning rate (default 0.05). */
  lr?: number;
  /** L2 penalty (default 1e-4). */
  l2?: number;
  /** Negatives drawn per list and epoch from the other candidates (default 20). */
  negatives?: number;
  /** Seed of the initialisation, the list order and the negative draws (default 1). */
  seed?: number;
  /** Called after each epoch with the mean loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** Fits epoch by epoch, so a job can report progress (and yield) between epochs. */
export interface RankerTrainer {
  readonly model: RankerModel;
  /** One more pass over the lists; returns its mean loss. */
  epoch(): number;
}

/**
 * SGD on the logistic loss: each list gives its positive (label 1) and `negatives` other candidates
 * (label 0), lists shuffled each epoch. Deterministic for a seed.
 */
export function createRankerTrainer(lists: readonly RankerList[], options: Omit<FitRankerOptions, 'epochs' | 'onEpoch'> = {}): RankerTrainer {
  const negatives = options.negatives ?? 20;
  const sgd = { lr: options.lr ?? 0.05, l2: options.l2 ?? 1e-4 };
  const random = createRandom(options.seed ?? 1);
  const items = new Set<number>();
  for (const list of lists) {
    list.itemIds.forEach((id) => items.add(id));
    list.historyIds.forEach((id) => items.add(id));
  }
  const model = createRankerModel([...items].sort((a, b) => a - b), { dim: options.dim, seed: options.seed });
  const order = lists.map((_, i) => i);
  return {
    model,
    epoch: () => {
      random.shuffle(order);
      let loss = 0;
      let steps = 0;
      for (const i of order) {
        const list = lists[i];
        const rows = shopperRows(model, list.historyIds);
        const n = list.itemIds.length;
        loss += rankerSgdStep(model, list.rows, list.positive * FEATURE_COUNT, rows, list.itemIds[list.positive], 1, sgd);
        steps++;
        for (let k = 0; k < Math.min(negatives, n - 1); k++) {
          let j = random.int(n - 1);
          if (j >= list.positive) j++;
          loss += rankerSgdStep(model, list.rows, j * FEATURE_COUNT, rows, list.itemIds[j], 0, sgd);
          steps++;
        }
      }
      return steps > 0 ? loss / steps : 0;
    },
  };
}

/** Fits W₁, P and C on held-out lists (see `createRankerTrainer`) for `epochs` passes. */
export function fitRanker(lists: readonly RankerList[], options: FitRankerOptions = {}): RankerModel {
  const trainer = createRankerTrainer(lists, options);
  for (let epoch = 1; epoch <= (options.epochs ?? 8); epoch++) {
    const loss = trainer.epoch();
    options.onEpoch?.(epoch, loss);
  }
  return trainer.model;
}

export interface RankerEvaluation {
  lists: number;
  /** Mean NDCG@10 of the positive (1/log2(1 + rank) when rank ≤ 10). */
  ndcg10: number;
  /** Mean reciprocal rank of the positive. */
  mrr: number;
}

/**
 * Where the positive lands when each list is ordered by the ranker (or, with `null`, in its blended
 * order: the baseline the ranker must beat). Ties keep the blended order.
 */
export function evaluateRanker(model: RankerModel | null, lists: readonly RankerList[]): RankerEvaluation {
  let ndcg = 0;
  let mrr = 0;
  for (const list of lists) {
    const rank = model ? rankOf(rankerScores(model, list.rows, list.itemIds, list.historyIds), list.positive) : list.positive + 1;
    ndcg += ndcgAtRank(rank, 10);
    mrr += reciprocalOfRank(rank);
  }
  const n = Math.max(1, lists.length);
  return { lists: lists.length, ndcg10: ndcg / n, mrr: mrr / n };
}
