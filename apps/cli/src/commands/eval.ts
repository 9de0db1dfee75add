import { basename } from 'node:path';
import type { MagpieConfig } from '@magpie/config';
import { loadDataset, readRecbole, readSeqLines, readUserItemPairs, toSequences, type DatasetBundle } from '@magpie/datasets';
import {
  chooseColdItems, fitAndEvaluate, itemKnnScorer, leaveOneOutSplit, popularityScorer, sequenceModelScorer, withColdItems,
  type ColdItems, type LearningCurvePoint, type LeaveOneOutSplit, type Scorer, type ScorerRun,
} from '@magpie/recommendation';
import { coldStartStep, DEFAULT_COLD_START, itemContents, type ColdStartReport } from './eval-cold';
import { EvalUsageError, parseEvalOptions, type DataSource, type EvalFlags, type EvalOptions, type SequenceKind } from './eval-options';
import { coldWarmTable, curvePaths, evalJson, metricsTable, tailVerdict, variantsJson, variantsTable, writeCurve, writeJson } from './eval-report';
import { tailStep, type TailStepReport } from './eval-tail';

export const EVAL_HELP = `magpie eval (--dataset NAME | --file PATH --format FORMAT) [--model MODEL] [options]
  Offline evaluation, protocol of ../shared/datasets/README.md: leave-one-out per user (last item test,
  second-to-last validation, the rest training; users with < 3 items only train); every item is ranked
  (no sampled negatives). Prints HR@10/20, NDCG@10/20, MRR, coverage@10, tail share@10 (items outside the
  20% most popular in training), Gini@10 of exposure and novelty@10 for the model and, beside it, the
  popularity and item-kNN baselines (always run), with train time and sequences/s; a progress line per
  epoch; writes the learning curve (validation NDCG@10 per epoch) as JSON and SVG.
  --dataset NAME          amazon-beauty | amazon-scientific | ml-100k | diginetica-sample
  --datasets-dir DIR      folder of the public datasets (also --data-dir; default MAGPIE_DATASETS_DIR or ../shared/datasets)
  --file PATH             your own data instead, with --format:
  --format FORMAT         seq-lines ("user item item ..." per line, time order) | user-item-pairs ("user item [ts]"
                          per line, time order) | recbole (RecBole atomic .inter file or its prefix)
  --model MODEL           sasrec (default) | gru4rec | pop | itemknn | sasrec+gan (SASRec, then the long-tail
                          variants below)
  --epochs N              most epochs (default 200); training stops early on validation NDCG@10
  --patience N            epochs without a better validation NDCG@10 before stopping (default 10)
  --batch-size N          (default 128)
  --max-len N             longest history read (default 50)
  --dim N                 embedding / hidden size (default 64)
  --blocks N              Transformer blocks / GRU layers (default 3 for sasrec, 1 for gru4rec)
  --lr X                  learning rate (default 0.001)
  --dropout X             dropout, also on attention (default 0.5 for sasrec, 0.3 for gru4rec)
  --loss sampled|ce       sampled softmax (shared uniform negatives, log-Q corrected, plus each position's own
                          earlier items scored exactly; default for sasrec) or full softmax cross-entropy
                          (~2.3× slower; default for gru4rec)
  --negatives N           shared negatives per batch for sampled softmax (default 2048)
  --average-decay X       Polyak averaging: validate, early-stop on and keep an exponential moving average of
                          the weights with this decay per step (default 0.999 for sasrec; 0 = off: the last weights)
  --seed N                (default 42)
  --threads N             data-parallel training threads (default 1, as the reference figures; 2 trains ~1.6×
                          faster here, with slightly different numbers: results are exact per thread count)
  --cold-items FRACTION   cold start: this share of the items (drawn with --seed) is removed from every training
                          sequence (and validation target); the test is unchanged (all items ranked) and also
                          reported for shoppers whose held-out item is cold / warm. Sequence models then give
                          the cold items vectors from their content (text, brand, category): a content encoder
                          aligned with the warm items' embeddings; a cold item's row is the mean embedding of its
                          20 nearest warm items in that space, rescaled to the warm mean norm (needs product
                          text for every item, e.g. amazon-scientific)
  sasrec+gan              long tail at matched tail share: besides SASRec's own figures, three variants over the
                          same SASRec scores — "sasrec" (as is), "sasrec+invpop" (SASRec's top 100 re-ranked by
                          ŝ − β·log(1 + popularity), ŝ = the shopper's standardised score) and "sasrec+gan" (CFGAN,
                          trained on the training sequences, proposes its best 50 tail items the shopper never had;
                          ŝ + λ·(GAN score / the shopper's best GAN score) lifts them). β and λ are chosen by
                          bisection on the VALIDATION stage so that tailShare@10 = SASRec's + --tail-gain; the test
                          stage is evaluated once at those values. With --gan-condition sequence a fourth row,
                          "sasrec+gan@epoch0", blends the same generator before any adversarial step (SASRec's own
                          tail ranking): what the GAN training adds. Prints a variants table; JSON "variants"
  --gan-epochs N          most CFGAN epochs (default 30); the generator alone is validated after each (NDCG@10 of
                          5,000 validation shoppers, history excluded) and the best epoch is kept
  --gan-patience N        CFGAN epochs without a better validation NDCG@10 before stopping (default 3)
  --gan-hidden N          CFGAN hidden units of generator and discriminator (default 128)
  --gan-batch-size N      shoppers per CFGAN step (default 64)
  --gan-lr X              CFGAN learning rate (default 0.001)
  --gan-condition C       sequence (default): the generator is conditioned on SASRec's user vector of a training
                          history without its last item, learns to generate that last item, and scores items by
                          SASRec's item vectors moved by a learned residual (see libs/ml/src/gan/vector-cfgan.ts);
                          interactions: CFGAN as published (interaction vector in, the same vector out)
  --gan-noise N           Gaussian noise dimensions the sequence-conditioned generator takes beside its condition
                          (default 8; 0 = none; scoring uses the noise's mean)
  --tail-gain X           validation tail-share gain to match, as a fraction (default 0.1 = 10 percentage points)
  --exclude-history       drop each history's own items from the ranking (RecBole does this for general models,
                          not for sequential ones; default off, as in the reference figures)
  --json FILE             write {"model","dataset","test","valid","train","baselines",...}; the learning curve goes
                          beside it as FILE.curve.json / FILE.curve.svg (default ./eval-out/<dataset>-<model>.curve.*)`;

/** Reads the chosen data into per-user item sequences (dense item indices 0..n-1, time order). */
async function loadSequences(source: DataSource): Promise<{ name: string; items: number; sequences: Int32Array[]; itemIds: string[]; bundle: DatasetBundle }> {
  let bundle: DatasetBundle;
  if (source.kind === 'dataset') bundle = await loadDataset(source.name, source.dir);
  else if (source.format === 'seq-lines') bundle = await readSeqLines(source.path);
  else if (source.format === 'user-item-pairs') bundle = await readUserItemPairs(source.path);
  else bundle = await readRecbole(source.path);
  const view = toSequences(bundle);
  return { name: source.kind === 'dataset' ? source.name : basename(source.path), items: view.items.length, sequences: view.sequences, itemIds: view.items, bundle };
}

const progressLine = (point: LearningCurvePoint, maxEpochs: number) =>
  `  epoch ${String(point.epoch).padStart(3)}/${maxEpochs}  loss ${point.loss === null ? '-' : point.loss.toFixed(4)}  ` +
  `valid NDCG@10 ${point.validNdcg10 === null ? '-' : point.validNdcg10.toFixed(4)}  ${point.seconds.toFixed(1)} s  ` +
  `${point.sequencesPerSecond.toFixed(0)} seq/s\n`;

/** The sequence model's scorer, after choosing the compute backend (TensorFlow.js is loaded only here). */
async function sequenceScorer(
  kind: SequenceKind, options: EvalOptions, config: MagpieConfig, coldStart?: { cold: ColdItems; data: { itemIds: string[]; bundle: DatasetBundle }; report(r: ColdStartReport): void },
): Promise<{ scorer: Scorer; backend: string }> {
  const ml = await import('@magpie/ml');
  const { backend } = await ml.initCompute({ backend: config.ml.backend });
  const t = options.training;
  let afterFit: ReturnType<typeof coldStartStep> | undefined;
  if (coldStart) {
    const items = itemContents(coldStart.data.itemIds, coldStart.data.bundle.products);
    if (!items) throw new EvalUsageError('--cold-items with a sequence model needs product text for every item (e.g. --dataset amazon-scientific)');
    afterFit = coldStartStep(ml, items, coldStart.cold, { ...DEFAULT_COLD_START, seed: t.seed }, coldStart.report);
  }
  const scorer = sequenceModelScorer(
    { fitSequenceModel: ml.fitSequenceModel },
    {
      config: { kind, maxLen: t.maxLen, dim: t.dim, blocks: t.blocks, dropout: t.dropout, seed: t.seed, ...(kind === 'sasrec' ? { attentionDropout: t.dropout } : {}) },
      train: {
        epochs: t.epochs, batchSize: t.batchSize, learningRate: t.lr, patience: t.patience, loss: t.loss, threads: t.threads, averageDecay: t.averageDecay,
        ...(t.negatives === undefined ? {} : { negatives: t.negatives }),
      },
      excludeHistory: options.excludeHistory,
      ...(afterFit ? { afterFit } : {}),
    },
  );
  return { scorer, backend };
}

/** Fits and evaluates one scorer, then frees it unless `keep` (the long-tail step scores with it again). */
async function run(scorer: Scorer, split: LeaveOneOutSplit, options: EvalOptions, cold?: ColdItems, keep = false): Promise<ScorerRun> {
  process.stderr.write(`fitting ${scorer.name} ...\n`);
  const result = await fitAndEvaluate(scorer, split, { excludeHistory: options.excludeHistory, ...(cold ? { coldItems: cold.mask } : {}) }, {
    onEpoch: (point) => process.stderr.write(progressLine(point, options.training.epochs)),
  });
  process.stderr.write(`  ${scorer.name}: fit ${result.fit.seconds.toFixed(1)} s (${result.fit.epochs} epoch(s), best ${result.fit.bestEpoch}), evaluation ${result.seconds.toFixed(1)} s\n`);
  if (!keep) scorer.dispose?.();
  return result;
}

export async function runEval(config: MagpieConfig, flags: EvalFlags): Promise<void> {
  const options = parseEvalOptions(flags, config.datasets.dir);
  const started = performance.now();
  const data = await loadSequences(options.source);
  const fullSplit = leaveOneOutSplit(data.sequences, data.items);
  const cold = options.coldItems === undefined ? undefined : chooseColdItems(data.items, options.coldItems, options.training.seed);
  const split = cold ? withColdItems(fullSplit, cold) : fullSplit;
  const interactions = data.sequences.reduce((n, s) => n + s.length, 0);
  if (split.test.targets.length === 0) throw new EvalUsageError(`${data.name}: no user has 3 or more items; nothing to evaluate`);
  process.stdout.write(
    `dataset ${data.name}: ${data.sequences.length} users (${split.test.targets.length} evaluated, ${split.trainOnlyUsers} with < 3 items train only), ` +
      `${data.items} items, ${interactions} interactions, read in ${((performance.now() - started) / 1000).toFixed(1)} s\n` +
      `protocol: leave-one-out, full ranking over all ${data.items} items, history items ${options.excludeHistory ? 'excluded' : 'kept in the ranking'}\n`,
  );
  if (cold) {
    process.stdout.write(
      `cold start: ${cold.items.length} items (${(100 * cold.fraction).toFixed(0)}%, seed ${cold.seed}) removed from all training interactions; ` +
        `${fullSplit.valid.targets.length - split.valid.targets.length} shoppers with a cold validation item skipped for early stopping\n`,
    );
  }
  let coldReport: ColdStartReport | undefined;

  let backend = 'js';
  let chosen: Scorer;
  const sequenceKind: SequenceKind | undefined = options.model === 'sasrec+gan' ? 'sasrec' : options.model === 'sasrec' || options.model === 'gru4rec' ? options.model : undefined;
  if (sequenceKind) {
    const made = await sequenceScorer(sequenceKind, options, config, cold && { cold, data, report: (r) => (coldReport = r) });
    chosen = made.scorer;
    backend = made.backend;
  } else {
    chosen = options.model === 'pop' ? popularityScorer() : itemKnnScorer();
  }
  process.stdout.write(`compute: ${backend === 'js' ? 'plain JS (baselines only; TensorFlow.js not loaded)' : `TensorFlow.js backend ${backend}`}\n`);

  const runs = new Map<string, ScorerRun>();
  for (const scorer of [popularityScorer(), itemKnnScorer()]) if (scorer.name !== chosen.name) runs.set(scorer.name, await run(scorer, split, options, cold));
  const main = await run(chosen, split, options, cold, options.gan !== undefined);
  runs.set(main.name, main);
  let tail: TailStepReport | undefined;
  if (options.gan) {
    try {
      tail = await tailStep(chosen, split, options.gan, { excludeHistory: options.excludeHistory, seed: options.training.seed });
    } finally {
      chosen.dispose?.();
    }
  }
  const baselines = ['pop', 'itemknn'].map((name) => runs.get(name)).filter((r): r is ScorerRun => r !== undefined);
  const rows = [main, ...baselines.filter((r) => r !== main)];

  process.stdout.write(`\ntest (${split.test.targets.length} users)\n${metricsTable(rows, 'test')}\n\nvalidation\n${metricsTable(rows, 'valid')}\n\n`);
  if (cold) {
    process.stdout.write(`test by held-out item (cold = one of the ${cold.items.length} items removed from training)\n${coldWarmTable(rows)}\n\n`);
    if (coldReport) {
      process.stdout.write(
        `cold-item rows: ${coldReport.coldRows} from content (encoder ${coldReport.encoderEpochs} epochs, final loss ${coldReport.encoderLoss.toFixed(4)}, ${coldReport.seconds.toFixed(1)} s, included in train time)\n`,
      );
    }
  }
  if (tail) {
    const gain = options.gan?.tailGain ?? 0;
    process.stdout.write(
      `long tail (tail = outside the 20% most popular items): re-ranks calibrated on VALIDATION to tailShare@10 ${tail.targetTailShare.toFixed(4)} ` +
        `(${main.name} ${(tail.targetTailShare - gain).toFixed(4)} + ${(100 * gain).toFixed(0)} pp); test at the chosen strength\n${variantsTable(tail)}\n${tailVerdict(tail)}\n` +
        `CFGAN: ${tail.gan.epochs.length} epochs (best ${tail.gan.bestEpoch}), ${tail.gan.seconds.toFixed(1)} s (${(tail.gan.seconds / Math.max(1, tail.gan.epochs.length)).toFixed(1)} s/epoch); ` +
        `conditioned on ${String(tail.gan.config.condition)}; ` +
        (tail.gan.untrainedValidNdcg10 === undefined ? '' : `before training, alone: valid NDCG@10 ${tail.gan.untrainedValidNdcg10.toFixed(4)} on the early-stopping shoppers (best epoch there: ${Math.max(...tail.gan.epochs.map((e) => e.validNdcg10)).toFixed(4)}); `) +
        `alone, history excluded: valid NDCG@10 ${(tail.gan.valid['ndcg@10'] ?? 0).toFixed(4)}, HR@10 ${(tail.gan.valid['hr@10'] ?? 0).toFixed(4)}, tailShare@10 ${(tail.gan.valid['tailShare@10'] ?? 0).toFixed(4)} ` +
        `(popularity the same way: ${(tail.gan.popularityValid['ndcg@10'] ?? 0).toFixed(4)}, ${(tail.gan.popularityValid['hr@10'] ?? 0).toFixed(4)}); ` +
        `candidates per shopper: ${main.name} top ${tail.pools.top} + GAN's best ${tail.pools.proposals} tail items (${tail.pools.seconds.toFixed(1)} s)\n\n`,
    );
  }
  process.stdout.write(`${main.name}: ${main.fit.epochs} epoch(s), best ${main.fit.bestEpoch}, train ${main.fit.seconds.toFixed(1)} s, ${main.fit.sequencesPerSecond.toFixed(0)} sequences/s on ${main.fit.backend}\n`);

  const paths = curvePaths(options.json, data.name, main.name);
  await writeCurve(main, data.name, paths);
  process.stdout.write(`learning curve: ${paths.json}, ${paths.svg}\n`);
  if (options.json) {
    const doc = evalJson(main, baselines, {
      ...(tail ? { model: options.model, extra: { variants: variantsJson(tail), longTail: { targetTailShare: tail.targetTailShare, gan: tail.gan, pools: tail.pools } } } : {}),
      dataset: data.name,
      protocol: {
        split: 'leave-one-out', ranking: 'full', items: data.items, users: data.sequences.length, evaluatedUsers: split.test.targets.length,
        trainOnlyUsers: split.trainOnlyUsers, interactions, excludeHistory: options.excludeHistory, tailDefinition: 'outside the 20% most popular items by training interactions',
        ...(cold ? { coldItems: { fraction: cold.fraction, seed: cold.seed, items: cold.items.length, validationUsersSkipped: fullSplit.valid.targets.length - split.valid.targets.length } } : {}),
      },
      config: {
        model: options.model, ...(sequenceKind ? options.training : {}), ...(options.gan ? { gan: options.gan } : {}),
        ...(coldReport ? { coldStart: { method: 'content encoder aligned with warm item embeddings; cold row = softmax-weighted mean of the nearest warm embeddings, rescaled to the warm mean norm', ...DEFAULT_COLD_START, ...coldReport } } : {}),
      },
    });
    await writeJson(options.json, doc);
    process.stdout.write(`wrote ${options.json}\n`);
  }
  process.stdout.write(`total ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
