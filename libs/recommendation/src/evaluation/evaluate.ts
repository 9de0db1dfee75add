import {
  catalogueCoverage, exposureGini, headItemMask, hitAtRank, itemCounts, ndcgAtRank, novelty, rankOf, reciprocalOfRank, tailShare, topK,
} from '@magpie/math';
import { splitHeldOutByTarget } from './cold-items';
import type { HeldOut, LeaveOneOutSplit } from './leave-one-out-split';
import type { ScorerCallbacks, FitReport, Scorer } from './scorer';

export interface EvaluationOptions {
  /** Cut-offs: HR@k, NDCG@k, coverage@k, tailShare@k, gini@k, novelty@k for each. */
  ks: readonly number[];
  /**
   * Remove the history's own items from the ranking (never the target itself). Default false:
   * RecBole's full-sort evaluation of sequential models (SASRec, GRU4Rec) masks only padding, and the
   * reference figures in the issue were measured that way; true is RecBole's rule for general models.
   */
  excludeHistory: boolean;
  /** Histories scored per `scoreBatch` call. */
  batchSize: number;
  /** Share of the catalogue, by training interactions, that counts as the head (the rest is the tail). */
  headShare: number;
  /**
   * Cold-start evaluation: `coldItems[i] === 1` marks item i as withheld from training. The test stage is
   * then also reported for the shoppers whose held-out item is cold and for the others (warm).
   */
  coldItems?: Uint8Array;
}

export const DEFAULT_EVALUATION_OPTIONS: EvaluationOptions = { ks: [10, 20], excludeHistory: false, batchSize: 256, headShare: 0.2 };

/** Metric name → mean over the evaluated users: "hr@10", "ndcg@10", "mrr", "coverage@10", "tailShare@10", "gini@10", "novelty@10", ... */
export type MetricSet = Record<string, number>;

/** Test metrics of one group of shoppers, with its size. */
export interface GroupMetrics {
  metrics: MetricSet;
  users: number;
}

export interface EvaluationReport {
  valid: MetricSet;
  test: MetricSet;
  /** With `coldItems`: test metrics of shoppers whose held-out item is cold, and of the rest. */
  cold?: GroupMetrics;
  warm?: GroupMetrics;
  /** Users evaluated (those with ≥ 3 items). */
  users: number;
  /** Evaluation seconds (valid + test), excluding fitting. */
  seconds: number;
}

/** Training popularity: interactions per item and the head mask (1 = among the most popular). */
export interface Popularity {
  counts: Float64Array;
  head: Uint8Array;
}

/**
 * Full-ranking metrics of one stage. Every item of the catalogue is ranked (no sampled negatives);
 * the held-out target's rank gives HR@k = 1[rank ≤ k], NDCG@k = 1/log2(rank + 1) and RR = 1/rank;
 * the top-k lists give coverage, tail share, Gini of exposure and novelty.
 */
export function evaluateHeldOut(scorer: Scorer, heldOut: HeldOut, numItems: number, popularity: Popularity, options: EvaluationOptions): MetricSet {
  const maxK = options.ks.length > 0 ? Math.max(...options.ks) : 10;
  const ranks: number[] = [];
  const lists: number[][] = [];
  const n = heldOut.targets.length;
  for (let from = 0; from < n; from += options.batchSize) {
    const histories = heldOut.histories.slice(from, from + options.batchSize);
    const scores = scorer.scoreBatch(histories);
    for (let r = 0; r < histories.length; r++) {
      const row = scores.subarray(r * numItems, (r + 1) * numItems);
      const target = heldOut.targets[from + r];
      const exclude = options.excludeHistory ? new Set(histories[r]) : undefined;
      exclude?.delete(target);
      ranks.push(rankOf(row, target, exclude));
      lists.push(topK(row, maxK, exclude));
    }
  }
  return rankingMetrics(ranks, lists, numItems, popularity, options.ks);
}

/**
 * The metrics of one stage from each shopper's held-out rank (1-based, over the whole catalogue) and
 * top list (at least max(ks) long): HR@k = 1[rank ≤ k], NDCG@k = 1/log2(rank + 1), RR = 1/rank, and
 * coverage, tail share, Gini of exposure and novelty of the lists cut at each k.
 */
export function rankingMetrics(ranks: readonly number[], lists: readonly number[][], numItems: number, popularity: Popularity, ksGiven: readonly number[]): MetricSet {
  const ks = [...ksGiven].sort((a, b) => a - b);
  const sums: Record<string, number> = { mrr: 0 };
  for (const k of ks) sums[`hr@${k}`] = sums[`ndcg@${k}`] = 0;
  for (const rank of ranks) {
    sums.mrr += reciprocalOfRank(rank);
    for (const k of ks) {
      sums[`hr@${k}`] += hitAtRank(rank, k);
      sums[`ndcg@${k}`] += ndcgAtRank(rank, k);
    }
  }
  const n = ranks.length;
  const metrics: MetricSet = {};
  for (const [name, sum] of Object.entries(sums)) metrics[name] = n > 0 ? sum / n : 0;
  for (const k of ks) {
    const atK = lists.map((list) => list.slice(0, k));
    metrics[`coverage@${k}`] = catalogueCoverage(atK, numItems);
    metrics[`tailShare@${k}`] = tailShare(atK, popularity.head);
    metrics[`gini@${k}`] = exposureGini(atK, numItems);
    metrics[`novelty@${k}`] = novelty(atK, popularity.counts);
  }
  return metrics;
}

/**
 * Evaluates a fitted scorer on the split's validation and test targets (test histories include the
 * validation item). Popularity, head and tail come from the training sequences.
 */
export function evaluate(scorer: Scorer, split: LeaveOneOutSplit, options: Partial<EvaluationOptions> = {}): EvaluationReport {
  const resolved = { ...DEFAULT_EVALUATION_OPTIONS, ...options };
  const started = performance.now();
  const counts = itemCounts(split.train, split.numItems);
  const popularity = { counts, head: headItemMask(counts, resolved.headShare) };
  const valid = evaluateHeldOut(scorer, split.valid, split.numItems, popularity, resolved);
  const test = evaluateHeldOut(scorer, split.test, split.numItems, popularity, resolved);
  const groups: Pick<EvaluationReport, 'cold' | 'warm'> = {};
  if (resolved.coldItems) {
    for (const [name, heldOut] of Object.entries(splitHeldOutByTarget(split.test, resolved.coldItems)) as Array<['cold' | 'warm', HeldOut]>) {
      groups[name] = { metrics: evaluateHeldOut(scorer, heldOut, split.numItems, popularity, resolved), users: heldOut.targets.length };
    }
  }
  return { valid, test, ...groups, users: split.test.targets.length, seconds: (performance.now() - started) / 1000 };
}

export interface ScorerRun extends EvaluationReport {
  name: string;
  fit: FitReport;
}

/**
 * Fits then evaluates one scorer. A scorer without a learning curve (the baselines) gets one point:
 * epoch 1 with its validation NDCG@10.
 */
export async function fitAndEvaluate(scorer: Scorer, split: LeaveOneOutSplit, options: Partial<EvaluationOptions> = {}, callbacks?: ScorerCallbacks): Promise<ScorerRun> {
  const fit = await scorer.fit(split, callbacks);
  const report = evaluate(scorer, split, options);
  const curve = fit.curve.length > 0
    ? fit.curve
    : [{ epoch: 1, loss: null, validNdcg10: report.valid['ndcg@10'] ?? null, seconds: fit.seconds, sequencesPerSecond: fit.sequencesPerSecond }];
  return { name: scorer.name, ...report, fit: { ...fit, curve } };
}
