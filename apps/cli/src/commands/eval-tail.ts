import type { CfganEpoch, CfganModel, VectorCfganModel } from '@magpie/ml';
import { headItemMask, itemCounts, ndcgAtRank, rankOf } from '@magpie/math';
import {
  buildCandidatePoolsFor, DEFAULT_CANDIDATE_POOL_OPTIONS, rankingMetrics, tailVariants, type LeaveOneOutSplit, type MetricSet, type Scorer, type TailVariantsReport,
} from '@magpie/recommendation';
import { EvalUsageError, type GanFlags } from './eval-options';

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
    /** With the sequence condition: the generator before training, the same way (validation NDCG@10 on the probe shoppers). */
    untrainedValidNdcg10?: number;
    popularityValid: MetricSet;
  };
  pools: { top: number; proposals: number; seconds: number };
}

const SEQUENCE = 'sasrec';
export const VARIANT_NAMES = { base: SEQUENCE, invpop: `${SEQUENCE}+invpop`, blend: `${SEQUENCE}+gan` } as const;
/** The ablation beside the sequence-conditioned blend: the same generator before any adversarial step (the sequence model's own tail ranking). */
export const UNTRAINED_VARIANT = `${SEQUENCE}+gan@epoch0`;

type Proposer = (histories: readonly Int32Array[]) => Float32Array;

/** A CFGAN being trained for the evaluation: its scores after each epoch, snapshots for early stopping. */
interface GanRun {
  config: Record<string, unknown>;
  proposer: Proposer;
  /** The same generator before training, when it means something on its own (the sequence-conditioned one). */
  untrained?: { proposer: Proposer; dispose(): void };
  snapshot(): Float32Array[];
  restore(values: readonly Float32Array[]): void;
  dispose(): void;
}

type Ml = typeof import('@magpie/ml');

/**
 * The GAN of --gan-condition: `sequence` conditions on the sequence model's user vector of the history
 * before its last item and learns to generate that last item (what the shopper did next); `interactions`
 * is CFGAN as published (interaction vector in, the same vector out).
 */
function fitGan(ml: Ml, sequence: Scorer, split: LeaveOneOutSplit, gan: GanFlags, seed: number, onEpoch: (e: CfganEpoch, run: GanRun) => boolean): GanRun {
  const config = { numItems: split.numItems, hidden: gan.hidden, seed };
  const options = { epochs: gan.epochs, batchSize: gan.batchSize, learningRate: gan.lr };
  if (gan.condition === 'interactions') {
    let run: GanRun | undefined;
    const wrap = (model: CfganModel): GanRun => ({ config: { ...model.config, condition: 'interactions' }, proposer: (h) => model.scores(h), snapshot: () => model.snapshot(), restore: (v) => model.restore(v), dispose: () => model.dispose() });
    const { model } = ml.fitCfgan(split.train, config, options, (e, generator) => onEpoch(e, (run ??= wrap(generator))));
    return run ?? wrap(model);
  }
  const vectors = sequence.vectors?.();
  if (!vectors) throw new EvalUsageError(`--gan-condition sequence needs a model with user and item vectors (${sequence.name} has none)`);
  const usable = split.train.filter((s) => s.length >= 2);
  const space = { dim: vectors.dim, items: vectors.items, conditions: vectors.users(usable.map((s) => s.subarray(0, s.length - 1))) };
  const next = usable.map((s) => s.subarray(s.length - 1));
  const wrap = (model: VectorCfganModel): GanRun => ({
    config: { ...model.config, condition: 'sequence' }, proposer: (h) => model.scores(vectors.users(h)), snapshot: () => model.snapshot(), restore: (v) => model.restore(v), dispose: () => model.dispose(),
  });
  const vectorConfig = { ...config, noise: gan.noise };
  const untrained = wrap(ml.fitVectorCfgan(next, space, vectorConfig, { ...options, epochs: 0 }).model);
  let run: GanRun | undefined;
  const { model } = ml.fitVectorCfgan(next, space, vectorConfig, options, (e, generator) => onEpoch(e, (run ??= wrap(generator))));
  return { ...(run ?? wrap(model)), untrained };
}

/**
 * --model sasrec+gan after the sequence model is fitted: trains CFGAN on the training sequences, builds
 * each shopper's candidates (the sequence model's top 100, the generator's best 50 tail items the
 * shopper never had), calibrates the inverse-popularity re-rank and the GAN blend on VALIDATION to the
 * sequence model's validation tailShare@10 + the gain, and evaluates the test stage once. With the
 * sequence condition, the generator before training is calibrated and reported too (`UNTRAINED_VARIANT`).
 */
export async function tailStep(sequence: Scorer, split: LeaveOneOutSplit, gan: GanFlags, options: { excludeHistory: boolean; seed: number }): Promise<TailStepReport> {
  const ml = await import('@magpie/ml');
  const started = performance.now();
  process.stderr.write(`fitting CFGAN (conditioned on ${gan.condition === 'sequence' ? `${sequence.name}'s user vector` : 'interaction vectors'}, ${split.numItems} items, hidden ${gan.hidden}, at most ${gan.epochs} epochs, patience ${gan.patience}) ...\n`);
  const probe = validationProbe(split, PROBE_SHOPPERS);
  const stopping = new ml.EarlyStopping(gan.patience);
  const curve: Array<CfganEpoch & { validNdcg10: number }> = [];
  const run = fitGan(ml, sequence, split, gan, options.seed, (e, generator) => {
    const validNdcg10 = probeNdcg10(generator.proposer, probe, split.numItems);
    curve.push({ ...e, validNdcg10 });
    const stop = stopping.observe(e.epoch, validNdcg10, generator);
    process.stderr.write(
      `  CFGAN epoch ${String(e.epoch).padStart(3)}/${gan.epochs}  G ${e.generatorLoss.toFixed(4)}  D ${e.discriminatorLoss.toFixed(4)}  ` +
        `valid NDCG@10 ${validNdcg10.toFixed(4)} (${probe.targets.length} shoppers, history excluded)  ${(e.seconds ?? 0).toFixed(1)} s\n`,
    );
    return stop;
  });
  const { bestEpoch } = stopping.finish(run);
  const ganSeconds = (performance.now() - started) / 1000;
  try {
    const untrainedValidNdcg10 = run.untrained ? probeNdcg10(run.untrained.proposer, probe, split.numItems) : undefined;
    const counts = itemCounts(split.train, split.numItems);
    const popularity = { counts, head: headItemMask(counts, 0.2) };
    const poolsStarted = performance.now();
    const poolOptions = { ...DEFAULT_CANDIDATE_POOL_OPTIONS, excludeHistory: options.excludeHistory };
    // the trained generator's and (with the sequence condition) the untrained one's pools, over one pass of base scores per stage
    const proposers = run.untrained ? [run.proposer, run.untrained.proposer] : [run.proposer];
    const valid = buildCandidatePoolsFor(sequence, proposers, split.valid, split.numItems, popularity.head, poolOptions);
    const test = buildCandidatePoolsFor(sequence, proposers, split.test, split.numItems, popularity.head, poolOptions);
    const trained = { valid: valid[0], test: test[0] };
    const untrained = run.untrained ? { valid: valid[1], test: test[1] } : undefined;
    const poolSeconds = (performance.now() - poolsStarted) / 1000;
    const ks = [10, 20];
    const proposerValid = trained.valid.proposer;
    const ganValid = proposerValid ? rankingMetrics(proposerValid.ranks, proposerValid.lists, split.numItems, popularity, ks) : {};
    const popularityValid = popularityWithoutHistory(split, popularity, ks);
    const stages = (p: typeof trained) => ({ valid: p.valid.pools, test: p.test.pools });
    const report = tailVariants(stages(trained), counts, split.numItems, popularity, VARIANT_NAMES, { ks, tailShareGain: gan.tailGain }, untrained ? [{ name: UNTRAINED_VARIANT, stages: stages(untrained) }] : []);
    return {
      ...report,
      gan: {
        config: run.config, epochs: curve, bestEpoch, seconds: ganSeconds, valid: ganValid, popularityValid,
        ...(untrainedValidNdcg10 === undefined ? {} : { untrainedValidNdcg10 }),
      },
      pools: { top: poolOptions.top, proposals: poolOptions.proposals, seconds: poolSeconds },
    };
  } finally {
    run.dispose();
    run.untrained?.dispose();
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
function probeNdcg10(scores: Proposer, probe: { histories: Int32Array[]; targets: number[] }, numItems: number): number {
  let sum = 0;
  for (let from = 0; from < probe.targets.length; from += 256) {
    const histories = probe.histories.slice(from, from + 256);
    const rows = scores(histories);
    histories.forEach((history, r) => {
      const target = probe.targets[from + r];
      const seen = new Set(history);
      seen.delete(target);
      sum += ndcgAtRank(rankOf(rows.subarray(r * numItems, (r + 1) * numItems), target, seen), 10);
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
