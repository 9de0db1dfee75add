/**
 * CPU time of the hybrid search's request-thread stages, one thread, no HTTP (steadier than the
 * concurrent HTTP bench on a shared machine):
 *   node bin/run-ts.js tools/bench/search-stages.ts --search-model FILE [--queries 2000] [--repeats 5]
 * The whole Home Depot catalogue; the first `--queries` distinct dev queries. The semantic lists are made
 * once (the query tower and vector index, exact scoring), then each stage is timed over every query
 * `--repeats` times and the median pass printed in µs per query: keyword retrieval (BM25, 100 best, with
 * totals), fusion features of the union of both lists, and the learned fusion's scoring.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@magpie/config';
import type { Product } from '@magpie/contracts';
import { readHomeDepot } from '@magpie/datasets';
import { vectorIndexFor } from '@magpie/retrieval';
import {
  createAnalyzer, fusionCandidates, KeywordRetriever, LocalSemanticIndex, ProductTexts, productTextTerms, scoreCandidates, searchModelFromBytes, SemanticRetriever,
  type FusionCandidate, type RetrievedList,
} from '@magpie/search';

const CANDIDATES = 100;

async function main() {
  const { values } = parseArgs({ options: { 'search-model': { type: 'string' }, queries: { type: 'string', default: '2000' }, repeats: { type: 'string', default: '5' } } });
  if (!values['search-model']) throw new Error('--search-model FILE is required (written by `magpie eval-search --save-encoder FILE`)');
  const config = loadConfig(process.env, { logLevel: 'warn' });
  const ml = await import('@magpie/ml');
  await ml.initCompute({ backend: config.ml.backend });
  const bundle = await readHomeDepot(join(config.datasets.dir, 'homedepot-search'));
  const now = new Date();
  const products: Product[] = bundle.products.map((p, i) => ({
    id: i + 1, externalId: p.id, title: p.title, description: p.description ?? null, brand: p.brand ?? null, categories: p.categories ?? [],
    price: p.price ?? null, stock: p.stock ?? null, imageUrl: null, attributes: {}, createdAt: now, updatedAt: now,
  }));
  const model = searchModelFromBytes(new Uint8Array(await readFile(values['search-model'])));
  if (!model.fusion) throw new Error('the search model has no fusion');
  const fusion = model.fusion;
  const encoder = await ml.loadContentEncoder(model.encoder);
  const analyzer = createAnalyzer();
  const byId = new Map(products.map((p) => [p.id, p]));
  const keyword = new KeywordRetriever(analyzer);
  const semantic = new SemanticRetriever({ encoder, analyzer, index: new LocalSemanticIndex(encoder, (set) => vectorIndexFor(set, { annThreshold: Number.POSITIVE_INFINITY, exact: (s) => new ml.TfExactIndex(s) })) });
  const texts = new ProductTexts((id) => {
    const product = byId.get(id);
    return product && productTextTerms(product, analyzer);
  });
  for (const p of products) {
    keyword.upsert(p);
    semantic.upsert(p);
    texts.prepare(p.id);
  }
  const queries = [...new Set((bundle.judgments ?? []).map((j) => j.query))].slice(0, Number(values.queries)).map((text) => ({ text, terms: analyzer.analyze(text) }));
  const semanticLists = await semantic.retrieveMany(queries.map((query) => ({ query, options: { limit: CANDIDATES } })));
  semantic.dispose();
  encoder.dispose();

  let keywordLists: RetrievedList[] = [];
  let candidates: FusionCandidate[][] = [];
  const stages = {
    'keyword retrieval': () => (keywordLists = queries.map((query) => ({ ...keyword.retrieve(query, { limit: CANDIDATES }), retriever: 'keyword' }))),
    'fusion features': () => (candidates = queries.map((query, i) => fusionCandidates([keywordLists[i], { ...semanticLists[i], retriever: 'semantic' }], query.terms, texts))),
    'fusion scoring': () => candidates.forEach((c) => scoreCandidates(fusion, c)),
  };
  process.stdout.write(`${products.length} products, ${queries.length} queries, ${CANDIDATES} candidates per retriever; µs per query, median of ${values.repeats} passes:\n`);
  for (const [stage, run] of Object.entries(stages)) {
    const passes: number[] = [];
    for (let r = 0; r < Number(values.repeats); r++) {
      const started = process.hrtime.bigint();
      run();
      passes.push(Number(process.hrtime.bigint() - started) / 1000 / queries.length);
    }
    const median = passes.sort((a, b) => a - b)[Math.floor(passes.length / 2)];
    process.stdout.write(`  ${stage.padEnd(18)} ${median.toFixed(1)} µs${stage === 'fusion features' ? ` (${(candidates.reduce((n, c) => n + c.length, 0) / queries.length).toFixed(0)} candidates)` : ''}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
