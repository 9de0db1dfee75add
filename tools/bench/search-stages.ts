/**
 * CPU time of the hybrid search's request-thread stages, one thread, no HTTP (steadier than the
 * concurrent HTTP bench on a shared machine):
 *   node bin/run-ts.js tools/bench/search-stages.ts --search-model FILE [--queries 2000] [--repeats 5]
 * The whole Home Depot catalogue; the first `--queries` distinct dev queries. The semantic lists are made
 * once (the query tower and vector index, exact scoring), then each stage is timed over every query
 * `--repeats` times and the median pass printed in µs per query: keyword retrieval (BM25, 100 best, with
 * totals), fusion features of the union of both lists, and the learned fusion's scoring.
 */
import { parseArgs } from 'node:util';
import { fusionCandidates, scoreCandidates, SearchEngagement, type FusionCandidate, type RetrievedList } from '@magpie/search';
import { openHomeDepotSearch } from './home-depot-search';

const CANDIDATES = 100;

async function main() {
  const { values } = parseArgs({ options: { 'search-model': { type: 'string' }, queries: { type: 'string', default: '2000' }, repeats: { type: 'string', default: '5' } } });
  if (!values['search-model']) throw new Error('--search-model FILE is required (written by `magpie eval-search --save-encoder FILE`)');
  const { bundle, products, analyzer, keyword, semantic, texts, fusion, dispose } = await openHomeDepotSearch(values['search-model']);
  if (!fusion) throw new Error('the search model has no fusion');
  const engagement = new SearchEngagement(fusion.engagement ?? []);
  const queries = [...new Set((bundle.judgments ?? []).map((j) => j.query))].slice(0, Number(values.queries)).map((text) => ({ text, terms: analyzer.analyze(text) }));
  const semanticLists = await semantic.retrieveMany(queries.map((query) => ({ query, options: { limit: CANDIDATES } })));
  dispose();

  let keywordLists: RetrievedList[] = [];
  let candidates: FusionCandidate[][] = [];
  const stages = {
    // Each list's matched ids given back at once, as the engine does after counting facets (fusion reads only the items).
    'keyword retrieval': () => (keywordLists = queries.map((query) => {
      const list = { ...keyword.retrieve(query, { limit: CANDIDATES }), retriever: 'keyword' };
      keyword.recycle(list);
      return list;
    })),
    'fusion features': () => (candidates = queries.map((query, i) => fusionCandidates([keywordLists[i], { ...semanticLists[i], retriever: 'semantic' }], query.terms, texts, engagement))),
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
