import { rankingMetrics, type MetricSet, type Popularity } from './evaluate';
import { bisectParameter, inversePopularityRerank, proposalBlendRerank, type CandidatePool, type Reranked } from './tail-rerank';

export interface TailVariantOptions {
  /** Cut-offs of the metrics (as the evaluation). */
  ks: readonly number[];
  /** The matched tail share: the base model's validation tailShare@10 plus this (0.10 = 10 percentage points). */
  tailShareGain: number;
  /** Search ranges of the re-rank strengths and bisection steps. */
  maxBeta: number;
  maxLambda: number;
  iterations: number;
}

export const DEFAULT_TAIL_VARIANT_OPTIONS: TailVariantOptions = { ks: [10, 20], tailShareGain: 0.1, maxBeta: 8, maxLambda: 32, iterations: 20 };

/** Candidate pools of the validation and test stages. */
export interface TailStages {
  valid: readonly CandidatePool[];
  test: readonly CandidatePool[];
}

/** One re-rank, at one strength, on one stage. */
export type Rerank = (pool: CandidatePool, parameter: number, k: number) => Reranked;

export interface TailVariant {
  name: string;
  /** The strength chosen on validation (β of the inverse-popularity re-rank, λ of the long-tail blend; 0 for the base). */
  parameter: { name: string; value: number };
  valid: MetricSet;
  test: MetricSet;
}

export interface TailVariantsReport {
  /** The validation tailShare@10 the re-ranks were calibrated to. */
  targetTailShare: number;
  variants: TailVariant[];
}

/** The metrics of a re-rank at one strength over a stage's pools. */
export function rerankMetrics(pools: readonly CandidatePool[], rerank: Rerank, parameter: number, numItems: number, popularity: Popularity, ks: readonly number[]): MetricSet {
  const maxK = Math.max(...ks);
  const ranks: number[] = [];
  const lists: number[][] = [];
  for (const pool of pools) {
    const { list, rank } = rerank(pool, parameter, maxK);
    ranks.push(rank);
    lists.push(list);
  }
  return rankingMetrics(ranks, lists, numItems, popularity, ks);
}

/** The tail share at 10 (or the smallest cut-off) of a re-rank: what the calibration matches. */
const tailAt10 = (ks: readonly number[]) => `tailShare@${ks.includes(10) ? 10 : Math.min(...ks)}`;

/**
 * The base model, the inverse-popularity re-rank and the long-tail blend, at matched tail share: each
 * re-rank's strength is the smallest that lifts the VALIDATION tailShare@10 to the base model's plus
 * `tailShareGain` (bisection; tail share only grows with either strength), then the test stage is
 * evaluated once at that strength. Nothing is chosen on the test stage.
 */
export function tailVariants(
  stages: TailStages,
  counts: ArrayLike<number>,
  numItems: number,
  popularity: Popularity,
  names: { base: string; invpop: string; blend: string },
  options: Partial<TailVariantOptions> = {},
  /** More long-tail blends over the same base lists, each with its own proposals (e.g. an ablation), calibrated the same way. */
  moreBlends: ReadonlyArray<{ name: string; stages: TailStages }> = [],
): TailVariantsReport {
  const o = { ...DEFAULT_TAIL_VARIANT_OPTIONS, ...options };
  const tailKey = tailAt10(o.ks);
  const invpop: Rerank = (pool, beta, k) => inversePopularityRerank(pool, counts, beta, k);
  const blend: Rerank = (pool, lambda, k) => proposalBlendRerank(pool, lambda, k);
  const metrics = (stage: readonly CandidatePool[], rerank: Rerank, parameter: number) => rerankMetrics(stage, rerank, parameter, numItems, popularity, o.ks);
  const baseValid = metrics(stages.valid, invpop, 0);
  const target = (baseValid[tailKey] ?? 0) + o.tailShareGain;
  const calibrated = (name: string, parameterName: string, rerank: Rerank, hi: number, on: TailStages = stages): TailVariant => {
    const value = bisectParameter((p) => metrics(on.valid, rerank, p)[tailKey] ?? 0, target, 0, hi, o.iterations);
    return { name, parameter: { name: parameterName, value }, valid: metrics(on.valid, rerank, value), test: metrics(on.test, rerank, value) };
  };
  return {
    targetTailShare: target,
    variants: [
      { name: names.base, parameter: { name: '-', value: 0 }, valid: baseValid, test: metrics(stages.test, invpop, 0) },
      calibrated(names.invpop, 'beta', invpop, o.maxBeta),
      calibrated(names.blend, 'lambda', blend, o.maxLambda),
      ...moreBlends.map((b) => calibrated(b.name, 'lambda', blend, o.maxLambda, b.stages)),
    ],
  };
}
