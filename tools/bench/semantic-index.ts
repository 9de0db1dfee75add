/**
 * Exact scoring against the usearch HNSW index for semantic search on the whole Home Depot catalogue:
 *   node bin/run-ts.js tools/bench/semantic-index.ts --search-model FILE [--queries 2000] [--k 100]
 * The saved model's content encoder (`magpie eval-search --save-encoder FILE`) encodes every product and the
 * first `--queries` distinct dev queries (batches of 10, as a gateway's serving thread gets them); then each
 * index answers them for the `--k` nearest products. Prints CPU time per query (one thread) and the HNSW
 * lists' recall of the exact top 10 and top k, for a few graph settings (the first is what serving uses).
 * What serving picks is `MAGPIE_ANN_THRESHOLD`: HNSW from that many products.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@magpie/config';
import { asCatalogProduct, readHomeDepot } from '@magpie/datasets';
import { UsearchVectorIndex, type VectorIndex, type VectorMatches } from '@magpie/retrieval';
import { createAnalyzer, productContent, searchModelFromBytes } from '@magpie/search';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const { values } = parseArgs({ options: { 'search-model': { type: 'string' }, queries: { type: 'string', default: '2000' }, k: { type: 'string', default: '100' } } });
  if (!values['search-model']) throw new Error('--search-model FILE is required (written by `magpie eval-search --save-encoder FILE`)');
  const config = loadConfig(process.env, { logLevel: 'warn' });
  const ml = await import('@magpie/ml');
  await ml.initCompute({ backend: config.ml.backend });
  const bundle = await readHomeDepot(join(config.datasets.dir, 'homedepot-search'));
  const products = bundle.products.map((p, i) => asCatalogProduct(p, i + 1));
  const encoder = await ml.loadContentEncoder(searchModelFromBytes(new Uint8Array(await readFile(values['search-model']))).encoder);
  const analyzer = createAnalyzer();
  const set = { vectors: encoder.encodeItems(products.map((p) => productContent(p, analyzer))), keys: Int32Array.from(products, (p) => p.id), dimensions: encoder.dimensions };
  const queries = [...new Set((bundle.judgments ?? []).map((j) => j.query))].slice(0, Number(values.queries)).map((q) => analyzer.analyze(q));
  const batches: Float32Array[] = [];
  for (let i = 0; i < queries.length; i += 10) batches.push(encoder.encodeQueries(queries.slice(i, i + 10)));
  encoder.dispose();
  const k = Number(values.k);
  const answer = (index: VectorIndex) => {
    index.search(batches[0], k); // warm-up
    const started = process.cpuUsage();
    const lists = batches.flatMap((b) => index.search(b, k));
    const cpu = process.cpuUsage(started);
    return { lists, usPerQuery: (cpu.user + cpu.system) / queries.length };
  };
  const exactIndex = new ml.TfExactIndex(set);
  const exact = answer(exactIndex);
  exactIndex.dispose();
  say(`${products.length} products, ${set.dimensions} dimensions, ${queries.length} queries, k ${k}; CPU µs per query:`);
  say(`  exact (TensorFlow.js matMul + top-k)  ${exact.usPerQuery.toFixed(0)} µs`);
  for (const [connectivity, expansionSearch] of [[16, 64], [16, 128], [32, 128]]) {
    const hnsw = answer(new UsearchVectorIndex(set, { connectivity, expansionSearch }));
    say(`  hnsw M ${connectivity}, ef ${expansionSearch}${connectivity === 16 && expansionSearch === 128 ? ' (served)' : ''}  ${hnsw.usPerQuery.toFixed(0)} µs, recall@10 ${recall(hnsw.lists, exact.lists, 10).toFixed(4)}, recall@${k} ${recall(hnsw.lists, exact.lists, k).toFixed(4)}`);
  }
}

/** Mean share of each exact top-n found in the same query's approximate top-n. */
function recall(found: VectorMatches[], truth: VectorMatches[], n: number): number {
  let sum = 0;
  found.forEach((f, q) => {
    const got = new Set(f.keys.subarray(0, n));
    const want = truth[q].keys.subarray(0, n);
    sum += want.length === 0 ? 1 : want.filter((key) => got.has(key)).length / want.length;
  });
  return sum / Math.max(1, found.length);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
