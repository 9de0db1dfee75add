import type { CfganEpoch, CfganModel } from '@magpie/ml';
import { headItemMask, itemCounts, ndcgAtRank, rankOf } from '@magpie/math';
import {
  buildCandidatePools, DEFAULT_CANDIDATE_POOL_OPTIONS, rankingMetrics, tailVariants, type LeaveOneOutSplit, type MetricSet, type Scorer, type TailVariantsReport,
} from '@magpie/recommendation';
import type { GanFlags } from './eval-options';

/** What the long-tail step reports: the GAN's training, the GAN alone, and the three variants at matched tail share. */
export interface TailStepReport extends TailVariantsReport {
  gan: {
    config: Record<string, unknown>;
    epochs: Array<{ epoch: number; generatorLoss: number; discriminatorLoss: number; seconds?: number; validNdcg10: number }>;
    /** The epoch kept (best validation NDCG@10 of the generator alone on the probe shoppers). */
    bestEpoch: number;
    seconds: number;
    /** The generator alone as a recommender (history items excluded from its ranking), and popularity the same way. */
    valid: MetricSet;
    popularityValid: MetricSet;
  };
  pools: { top: number; proposals: number; seconds: number };
}

const SEQUENCE = 'sasrec';
export const VARIANT_NAMES = { base: SEQUENCE, invpop: `${SEQUENCE}+invpop`, blend: `${SEQUENCE}+gan` } as const;

/**
 * --model sasrec+gan after the sequence model is fitted: trains CFGAN on the training sequences, builds
 * each shopper's candidates (the sequence model's top 100, the generator's best 50 tail items the
 * shopper never had), calibrates the inverse-popularity re-rank and the GAN blend on VALIDATION to the
 * sequence model's validation tailShare@10 + the gain, and evaluates the test stage once.
 */
export async function tailStep(sequence: Scorer, split: LeaveOneOutSplit, gan: GanFlags, options: { excludeHistory: boolean; seed: number }): Promise<TailStepReport> {
  const ml = await import('@magpie/ml');
  const started = performance.now();
  const config = { numItems: split.numItems, hidden: gan.hidden, seed: options.seed };
  process.stderr.write(`fitting CFGAN (${split.numItems} items, hidden ${gan.hidden}, at most ${gan.epochs} epochs, patience ${gan.patience}) ...\n`);
  const probe = validationProbe(split, PROBE_SHOPPERS);
  let best = { ndcg: -Infinity, epoch: 0, weights: [] as Float32Array[] };
  const curve: Array<CfganEpoch & { validNdcg10: number }> = [];
  const { model } = ml.fitCfgan(split.train, config, { epochs: gan.epochs, batchSize: gan.batchSize, learningRate: gan.lr }, (e, generator) => {
    const validNdcg10 = probeNdcg10(generator, probe, split.numItems);
    curve.push({ ...e, validNdcg10 });
    if (validNdcg10 > best.ndcg) best = { ndcg: validNdcg10, epoch: e.epoch, weights: generator.snapshot() };
    process.stderr.write(
      `  CFGAN epoch ${String(e.epoch).padStart(3)}/${gan.epochs}  G ${e.generatorLoss.toFixed(4)}  D ${e.discriminatorLoss.toFixed(4)}  ` +
        `valid NDCG@10 ${validNdcg10.toFixed(4)} (${probe.targets.length} shoppers, history excluded)  ${(e.seconds ?? 0).toFixed(1)} s\n`,
    );
    return e.epoch - best.epoch >= gan.patience;
  });
  if (best.epoch > 0 && best.epoch < curve.length) model.restore(best.weights);
  const ganSeconds = (performance.now() - started) / 1000;
  try {
    const counts = itemCounts(split.train, split.numItems);
    const popularity = { counts, head: headItemMask(counts, 0.2) };
    const poolsStarted = performance.now();
    const poolOptions = { ...DEFAULT_CANDIDATE_POOL_OPTIONS, excludeHistory: options.excludeHistory };
    const proposer = (histories: readonly Int32Array[]) => model.scores(histories);
    const valid = buildCandidatePools(sequence, proposer, split.valid, split.numItems, popularity.head, poolOptions);
    const test = buildCandidatePools(sequence, proposer, split.test, split.numItems, popularity.head, poolOptions);
    const poolSeconds = (performance.now() - poolsStarted) / 1000;
    const ks = [10, 20];
    const ganValid = valid.proposer ? rankingMetrics(valid.proposer.ranks, valid.proposer.lists, split.numItems, popularity, ks) : {};
    const popularityValid = popularityWithoutHistory(split, popularity, ks);
    const report = tailVariants({ valid: valid.pools, test: test.pools }, counts, split.numItems, popularity, VARIANT_NAMES, { ks, tailShareGain: gan.tailGain });
    return {
      ...report,
      gan: { config: { ...model.config }, epochs: curve, bestEpoch: best.epoch, seconds: ganSeconds, valid: ganValid, popularityValid },
      pools: { top: poolOptions.top, proposals: poolOptions.proposals, seconds: poolSeconds },
    };
  } finally {
    model.dispose();
  }
}

/** Validation shoppers the GAN's early stopping looks at (evenly spaced over the stage; all when fewer). */
const PROBE_SHOPPERS = 5000;

function validationProbe(split: LeaveOneOutSplit, size: number): { histories: Int32Array[]; targets: number[] } {
  const n = split.valid.targets.length;
  const step = Math.max(1, n / size);
  const histories: Int32Array[] = [];
  const targets: number[] = [];
  for (let at = 0; at < n; at += step) {
    histories.push(split.valid.histories[Math.floor(at)]);
    targets.push(split.valid.targets[Math.floor(at)]);
  }
  return { histories, targets };
}

/** The generator alone: mean NDCG@10 of the held-out item, the shopper's other history items excluded. */
function probeNdcg10(generator: CfganModel, probe: { histories: Int32Array[]; targets: number[] }, numItems: number): number {
  let sum = 0;
  for (let from = 0; from < probe.targets.length; from += 256) {
    const histories = probe.histories.slice(from, from + 256);
    const scores = generator.scores(histories);
    histories.forEach((history, r) => {
      const target = probe.targets[from + r];
      const seen = new Set(history);
      seen.delete(target);
      sum += ndcgAtRank(rankOf(scores.subarray(r * numItems, (r + 1) * numItems), target, seen), 10);
    });
  }
  return probe.targets.length > 0 ? sum / probe.targets.length : 0;
}

/** Popularity ranked with each shopper's history excluded (the rule the GAN alone is measured by). */
function popularityWithoutHistory(split: LeaveOneOutSplit, popularity: { counts: Float64Array; head: Uint8Array }, ks: number[]): MetricSet {
  const order = Array.from(popularity.counts, (_, i) => i).sort((a, b) => popularity.counts[b] - popularity.counts[a] || a - b);
  const position = new Int32Array(order.length);
  order.forEach((item, at) => (position[item] = at));
  const maxK = Math.max(...ks);
  const ranks: number[] = [];
  const lists: number[][] = [];
  split.valid.histories.forEach((history, u) => {
    const target = split.valid.targets[u];
    const seen = new Set(history);
    seen.delete(target);
    let above = 0;
    for (const item of seen) if (position[item] < position[target]) above++;
    ranks.push(position[target] + 1 - above);
    const list: number[] = [];
    for (let at = 0; at < order.length && list.length < maxK; at++) if (!seen.has(order[at])) list.push(order[at]);
    lists.push(list);
  });
  return rankingMetrics(ranks, lists, split.numItems, popularity, ks);
}
