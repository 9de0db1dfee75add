import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { MagpieConfig } from '@magpie/config';
import type { Product } from '@magpie/contracts';
import { asCatalogProduct, readHomeDepot, readJudgments, writeJudgments, type Judgment } from '@magpie/datasets';
import type { ItemVectors } from '@magpie/ml';
import { createHybridSearch, encodeSearchModelArtifact, LocalSemanticIndex, evaluateSearch, searchModelFromBytes, SearchEngine, splitJudgmentsByQuery, trainSearchModel, type SearchJudgment } from '@magpie/search';
import { vectorIndexFor } from '@magpie/retrieval';
import { withTypo } from './search-typos';

export const EVAL_SEARCH_HELP = `magpie eval-search [--train-judgments FILE --eval-judgments FILE] [--epochs N] [--typos] [--json OUT]
                   [--save-encoder FILE] [--encoder FILE]
  Indexes the whole Home Depot catalogue (homedepot-search/products.tsv.gz), trains the search models
  (content encoder with its query tower, then the learned fusion) on the training judgments, and prints
  NDCG@10 (gain = relevance − 1, unjudged products gain 0) on the evaluation judgments for BM25 alone,
  semantic alone and the full hybrid pipeline. Without --train-judgments the dev judgments are split by
  query (half each side, seed 1; the same split as \`magpie split-judgments\`). --typos also evaluates every
  query with one typo in its longest word. --epochs: encoder epochs (default 16, best kept); --lr: its
  learning rate (default 0.002); --average-decay D: Polyak averaging of its weights (default 0.999, 0 = off;
  each epoch's raw and averaged weights are scored on the held-out training queries, the best kept).
  --candidates N: candidates per retriever for fusion (default 100). --fusion-share F: share of the training
  queries held out from the encoder to fit the fusion on (default 0.2).
  --save-encoder writes the trained search model (content encoder + fusion; \`npm run bench:search --
  --search-model FILE\` serves it); --encoder reuses its encoder (trained on the same training judgments)
  and fits only the fusion.
magpie split-judgments [--out-dir DIR] [--fraction 0.5] [--seed 1]
  Splits homedepot-search/judgments-dev.tsv.gz by query into DIR/judgments-train.tsv.gz and
  DIR/judgments-eval.tsv.gz (the eval side holds a --fraction share of the queries).`;

interface EvalSearchArgs {
  /** A content encoder saved by --save-encoder (trained on these training judgments): only the fusion is fitted. */
  encoder?: string;
  saveEncoder?: string;
  candidates?: string;
  fusionShare?: string;
  lr?: string;
  averageDecay?: string;
  trainJudgments?: string;
  evalJudgments?: string;
  epochs?: string;
  typos?: boolean;
  json?: string;
}

const seconds = (from: number) => (Date.now() - from) / 1000;

export async function runSplitJudgments(config: MagpieConfig, args: { outDir?: string; fraction?: string; seed?: string }): Promise<void> {
  const dir = join(config.datasets.dir, 'homedepot-search');
  const { kept, held } = splitJudgmentsByQuery(await readJudgments(join(dir, 'judgments-dev.tsv.gz')), Number(args.fraction ?? 0.5), Number(args.seed ?? 1));
  const out = resolve(args.outDir ?? '.');
  await writeJudgments(join(out, 'judgments-train.tsv.gz'), kept);
  await writeJudgments(join(out, 'judgments-eval.tsv.gz'), held);
  const queries = (js: Judgment[]) => new Set(js.map((j) => j.query)).size;
  process.stdout.write(`wrote ${join(out, 'judgments-train.tsv.gz')} (${queries(kept)} queries) and ${join(out, 'judgments-eval.tsv.gz')} (${queries(held)} queries)\n`);
}

export async function runEvalSearch(config: MagpieConfig, args: EvalSearchArgs): Promise<void> {
  const ml = await import('@magpie/ml'); // TensorFlow.js loads only for the commands that need it
  const { backend } = await ml.initCompute({ backend: config.ml.backend });
  const dir = join(config.datasets.dir, 'homedepot-search');
  const started = Date.now();
  const bundle = await readHomeDepot(dir);
  let train: SearchJudgment[];
  let evaluation: SearchJudgment[];
  let split: string;
  if (args.trainJudgments) {
    if (!args.evalJudgments) throw new Error('--train-judgments needs --eval-judgments (judgments of other queries)');
    [train, evaluation] = await Promise.all([readJudgments(resolve(args.trainJudgments)), readJudgments(resolve(args.evalJudgments))]);
    split = `${args.trainJudgments} → ${args.evalJudgments}`;
  } else {
    if (args.evalJudgments) throw new Error('--eval-judgments needs --train-judgments (or give neither: the dev judgments are split by query)');
    ({ kept: train, held: evaluation } = splitJudgmentsByQuery(bundle.judgments ?? [], 0.5, 1));
    split = 'dev judgments split by query (seed 1, half each side)';
  }
  const shared = new Set(train.map((j) => j.query));
  const overlap = new Set(evaluation.filter((j) => shared.has(j.query)).map((j) => j.query)).size;
  const now = new Date();
  const products: Product[] = bundle.products.map((p, i) => asCatalogProduct(p, i + 1, now));
  const candidates = args.candidates === undefined ? undefined : Number(args.candidates);
  const lr = args.lr === undefined ? undefined : Number(args.lr);
  if (lr !== undefined && !(lr > 0 && lr < 1)) throw new Error('--lr must be a number in (0, 1)');
  const averageDecay = args.averageDecay === undefined ? undefined : Number(args.averageDecay);
  if (averageDecay !== undefined && !(averageDecay >= 0 && averageDecay < 1)) throw new Error('--average-decay must be a number in [0, 1)');
  if (candidates !== undefined && !(Number.isInteger(candidates) && candidates >= 10 && candidates <= 1000)) throw new Error('--candidates must be an integer in 10..1000');
  const fusionShare = args.fusionShare === undefined ? undefined : Number(args.fusionShare);
  if (fusionShare !== undefined && !(fusionShare > 0 && fusionShare < 1)) throw new Error('--fusion-share must be a number in (0, 1)');
  // The serving rule (MAGPIE_ANN_THRESHOLD): exact scoring below the threshold, usearch HNSW from there.
  const createIndex = (set: ItemVectors) => vectorIndexFor(set, { annThreshold: config.ml.annThreshold, exact: (s) => new ml.TfExactIndex(s) });
  const scoring = products.length >= config.ml.annThreshold ? 'HNSW (usearch)' : 'exact';
  process.stdout.write(`search evaluation on Home Depot: ${products.length} products, backend ${backend}, ${scoring} semantic scoring; ${split}\n`);
  if (overlap > 0) process.stdout.write(`  warning: ${overlap} evaluation queries also appear in the training judgments\n`);

  const trainStarted = Date.now();
  const model = await trainSearchModel({
    products,
    judgments: train,
    createIndex,
    encoder: { epochs: args.epochs === undefined ? undefined : Number(args.epochs), learningRate: lr, averageDecay },
    candidates,
    fusionShare,
    pretrained: args.encoder ? await ml.loadContentEncoder(searchModelFromBytes(new Uint8Array(await readFile(resolve(args.encoder)))).encoder) : undefined,
    onEpoch: (e) =>
      process.stdout.write(
        `  encoder epoch ${e.epoch}: loss ${e.loss.toFixed(4)}, held-out semantic NDCG@10 ${e.metric?.toFixed(4)}${e.averageMetric === undefined ? '' : ` (averaged weights ${e.averageMetric.toFixed(4)})`} (${e.seconds.toFixed(0)} s)\n`,
      ),
  });
  if (model.kept) process.stdout.write(`  kept the ${model.kept.averaged ? 'averaged' : 'raw'} weights of epoch ${model.kept.epoch} (held-out semantic NDCG@10 ${model.kept.metric.toFixed(4)})\n`);
  const trainSeconds = seconds(trainStarted);
  process.stdout.write(`  trained in ${trainSeconds.toFixed(0)} s on ${model.queries.encoder} queries (encoder) + ${model.queries.fusion} held out (fusion)\n`);
  const fusion = model.fusion;
  if (!fusion) throw new Error('no training query was held out to fit the fusion on (too few training judgments)');
  if (args.saveEncoder) {
    await writeFile(args.saveEncoder, encodeSearchModelArtifact({ encoder: await ml.saveContentEncoder(model.encoder), fusion }));
    process.stdout.write(`  saved the search model (encoder + fusion) to ${args.saveEncoder}\n`);
  }
  process.stdout.write(`  fusion weights: ${fusion.features.map((f, i) => `${f} ${fusion.weights[i].toFixed(2)}`).join(', ')}\n`);

  const keyword = new SearchEngine();
  const { engine: hybrid, semantic } = createHybridSearch({ encoder: model.encoder, fusion, index: new LocalSemanticIndex(model.encoder, createIndex), candidates });
  const semanticOnly = new SearchEngine({ keyword: false, retrievers: [semantic] });
  for (const engine of [keyword, hybrid, semanticOnly]) await engine.indexAll(products);
  const modes = { bm25: keyword, semantic: semanticOnly, hybrid } as const;
  const results: Record<string, { 'ndcg@10': number; queries: number; msPerQuery: number }> = {};
  for (const [mode, engine] of Object.entries(modes)) {
    const t = Date.now();
    const r = await evaluateSearch({ engine, judgments: evaluation, k: 10 });
    results[mode] = { 'ndcg@10': r.ndcgAtK, queries: r.queries, msPerQuery: (Date.now() - t) / Math.max(1, r.queries) };
  }
  const queries = results.bm25.queries;
  process.stdout.write(`  evaluation queries: ${queries}\n`);
  for (const [mode, r] of Object.entries(results)) process.stdout.write(`  ${mode.padEnd(9)} NDCG@10 ${r['ndcg@10'].toFixed(4)}   (${r.msPerQuery.toFixed(2)} ms/query)\n`);

  let typos: Record<string, { 'ndcg@10': number; relativeDrop: number }> | undefined;
  if (args.typos) {
    const typoOf = new Map([...new Set(evaluation.map((j) => j.query))].map((q, i) => [q, withTypo(q, i)]));
    const misspelt = evaluation.map((j) => ({ ...j, query: typoOf.get(j.query) ?? j.query }));
    typos = {};
    for (const [mode, engine] of Object.entries(modes)) {
      const r = await evaluateSearch({ engine, judgments: misspelt, k: 10 });
      typos[mode] = { 'ndcg@10': r.ndcgAtK, relativeDrop: 1 - r.ndcgAtK / results[mode]['ndcg@10'] };
      process.stdout.write(`  with a typo: ${mode.padEnd(9)} NDCG@10 ${r.ndcgAtK.toFixed(4)} (${(100 * typos[mode].relativeDrop).toFixed(1)}% lower)\n`);
    }
  }
  semantic.dispose();
  model.encoder.dispose();
  process.stdout.write(`  total ${seconds(started).toFixed(0)} s\n`);
  if (args.json) {
    const json = {
      ...Object.fromEntries(Object.entries(results).map(([mode, r]) => [mode, { 'ndcg@10': r['ndcg@10'] }])),
      queries,
      ...(typos ? { typos } : {}),
      train: { seconds: trainSeconds, epochs: model.history.length, kept: model.kept, encoderQueries: model.queries.encoder, fusionQueries: model.queries.fusion, backend },
      split,
    };
    await writeFile(args.json, `${JSON.stringify(json, null, 2)}\n`);
    process.stdout.write(`  wrote ${args.json}\n`);
  }
}
