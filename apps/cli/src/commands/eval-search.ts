import { writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { MagpieConfig } from '@magpie/config';
import type { Product } from '@magpie/contracts';
import { readHomeDepot } from '@magpie/datasets';
import { SearchEngine, evaluateSearch } from '@magpie/search';

export const EVAL_SEARCH_HELP = `magpie eval-search [--eval-judgments FILE] [--json OUT] [--datasets-dir DIR]
  Indexes the whole Home Depot catalogue (homedepot-search/products.tsv.gz) with the gateway's search
  engine and prints NDCG@10 (gain = relevance − 1, unjudged products gain 0) over the judged queries.
  --eval-judgments defaults to homedepot-search/judgments-dev.tsv.gz.`;

export async function runEvalSearch(config: MagpieConfig, args: { evalJudgments?: string; json?: string }): Promise<void> {
  const dir = join(config.datasets.dir, 'homedepot-search');
  const judgmentsPath = resolve(args.evalJudgments ?? join(dir, 'judgments-dev.tsv.gz'));
  const started = Date.now();
  const bundle = await readHomeDepot(dir, { judgmentsFile: relative(resolve(dir), judgmentsPath) });
  const now = new Date();
  const products: Product[] = bundle.products.map((p, i) => ({
    id: i + 1, externalId: p.id, title: p.title, description: p.description ?? null, brand: p.brand ?? null,
    categories: p.categories ?? [], price: p.price ?? null, stock: p.stock ?? null, imageUrl: null,
    attributes: {}, createdAt: now, updatedAt: now,
  }));
  const read = Date.now();
  const engine = new SearchEngine();
  await engine.indexAll(products);
  const indexed = Date.now();
  const result = await evaluateSearch({ engine, judgments: bundle.judgments ?? [], k: 10 });
  const evaluated = Date.now();
  const mode = 'bm25f-stemmed';
  process.stdout.write(
    `search evaluation on Home Depot (${products.length} products, ${result.queries} queries, ${result.skipped} skipped: no relevant judgment)\n` +
      `  mode ${mode}\n  NDCG@10 ${result.ndcgAtK.toFixed(4)}\n` +
      `  read ${((read - started) / 1000).toFixed(1)} s, index ${((indexed - read) / 1000).toFixed(1)} s, ` +
      `queries ${((evaluated - indexed) / Math.max(1, result.queries)).toFixed(2)} ms each\n`,
  );
  if (args.json) {
    await writeFile(args.json, `${JSON.stringify({ 'ndcg@10': result.ndcgAtK, queries: result.queries, mode }, null, 2)}\n`);
    process.stdout.write(`  wrote ${args.json}\n`);
  }
}
