import { LruCache } from '../../sequence/lru-cache';
import { cloneRankerModel, rankerScores, rankerSgdStep, shopperRows, type RankerModel, type SgdOptions } from './ranker-model';
import { FEATURE_COUNT } from './ranking-features';

export interface ServedRankerOptions {
  /** Learning rate of the online steps (default 0.02: gentler than offline training). */
  lr?: number;
  /** L2 penalty of the online steps (default 1e-4). */
  l2?: number;
  /** (Shopper, item) pairs whose served features are remembered for the feedback that follows (default 50,000). */
  remembered?: number;
}

interface Shown {
  row: Float32Array;
  historyIds: Int32Array;
}

/** What one online step did. */
export type FeedbackOutcome = 'learned' | 'not-shown';

/**
 * A trained ranker as a gateway serves it: it orders blended lists and learns online from the
 * impressions (label 0) and clicks (label 1) that follow. Each item it ranks into a shown list has its
 * feature row and the shopper's history at that moment remembered (LRU), so the step uses the
 * features the item was ranked with. The served copy moves; the stored version stays as trained
 * (the next offline training starts from the logged events, which hold everything online learning saw).
 * Feedback for a list another gateway served is not seen here (counted as `not-shown`).
 */
export class ServedRanker {
  readonly model: RankerModel;
  private readonly shown: LruCache<string, Shown>;
  private readonly sgd: SgdOptions;
  /** Online steps taken since the version was loaded. */
  updates = 0;

  constructor(readonly versionId: number, trained: RankerModel, options: ServedRankerOptions = {}) {
    this.model = cloneRankerModel(trained);
    this.sgd = { lr: options.lr ?? 0.02, l2: options.l2 ?? 1e-4 };
    this.shown = new LruCache(options.remembered ?? 50_000);
  }

  /** Y = X·W₁ + H·C of each row (rows × FEATURE_COUNT) for one shopper's history. */
  scores(rows: Float32Array, itemIds: ArrayLike<number>, historyIds: ArrayLike<number>): Float32Array {
    return rankerScores(this.model, rows, itemIds, historyIds);
  }

  /** Remembers the features an item was shown with to a shopper (`row`: that item's FEATURE_COUNT values). */
  remember(shopper: number, productId: number, row: Float32Array, historyIds: Int32Array): void {
    this.shown.set(`${shopper}:${productId}`, { row: row.slice(0, FEATURE_COUNT), historyIds });
  }

  /** One SGD step of the logistic loss for a shown item: clicked (1) or only shown (0). */
  learn(shopper: number, productId: number, label: 0 | 1): FeedbackOutcome {
    const seen = this.shown.get(`${shopper}:${productId}`);
    if (!seen) return 'not-shown';
    rankerSgdStep(this.model, seen.row, 0, shopperRows(this.model, seen.historyIds), productId, label, this.sgd);
    this.updates++;
    return 'learned';
  }
}
