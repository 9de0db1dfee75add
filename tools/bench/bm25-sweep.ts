/**
 * BM25F parameters on Home Depot, keyword search alone:
 *   node bin/run-ts.js tools/bench/bm25-sweep.ts [k1,b,titleWeight ...]
 * For each triple (default: the shipped 1.2,0.75,3 and its neighbours) indexes the whole catalogue and prints
 * NDCG@10 on both sides of eval-search's split (dev judgments by query, seed 1). Choose on the training
 * side; the evaluation side is printed to show the choice carries over, not to choose by.
 */
import { join } from 'node:path';
import { loadConfig } from '@magpie/config';
import { asCatalogProduct, readHomeDepot } from '@magpie/datasets';
import { createAnalyzer, evaluateSearch, SearchEngine, splitJudgmentsByQuery } from '@magpie/search';

const DEFAULT_GRID = ['1.2,0.75,3', '1.2,0.5,3', '1.2,0.9,3', '0.6,0.75,3', '2,0.75,3', '1.2,0.75,1'];

async function main() {
  const config = loadConfig(process.env, { logLevel: 'warn' });
  const bundle = await readHomeDepot(join(config.datasets.dir, 'homedepot-search'));
  const products = bundle.products.map((p, i) => asCatalogProduct(p, i + 1));
  const { kept: training, held: evaluation } = splitJudgmentsByQuery(bundle.judgments ?? [], 0.5, 1);
  const analyzer = createAnalyzer();
  const grid = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_GRID;
  for (const triple of grid) {
    const [k1, b, title] = triple.split(',').map(Number);
    if ([k1, b, title].some((x) => !Number.isFinite(x))) throw new Error(`expected k1,b,titleWeight, got "${triple}"`);
    // Home Depot products have titles only: the other fields' weights do not matter here.
    const engine = new SearchEngine({ analyzer, keyword: { k1, b, fields: { title: { weight: title } } } });
    await engine.indexAll(products);
    const fitted = await evaluateSearch({ engine, judgments: training });
    const held = await evaluateSearch({ engine, judgments: evaluation });
    process.stdout.write(`k1 ${k1}, b ${b}, title weight ${title}: NDCG@10 training ${fitted.ndcgAtK.toFixed(4)}, evaluation ${held.ndcgAtK.toFixed(4)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
