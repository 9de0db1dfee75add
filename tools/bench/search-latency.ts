/**
 * Search latency over HTTP on the whole Home Depot catalogue (54,667 products):
 *   node bin/run-ts.js tools/bench/search-latency.ts [--concurrency 20] [--seconds 20]
 * Embedded runtime (in-memory PGlite), the real gateway on a free loopback port, the dev queries
 * sent round-robin by 20 closed-loop clients. Prints p50/p95/p99 and throughput.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@magpie/config';
import { readHomeDepot } from '@magpie/datasets';
import { createRuntime, importBundle, serveGateway } from '@magpie/runtime';
import { formatReport, runLoad } from './http-load';

async function main() {
  const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '20' }, seconds: { type: 'string', default: '20' } } });
  const base = loadConfig(process.env, { logLevel: 'warn' });
  const config = {
    ...base,
    database: { ...base.database, url: undefined, dataDir: ':memory:' },
    redis: { ...base.redis, url: undefined },
    gateway: { ...base.gateway, port: 0, appKeys: ['bench-app-key-1'], adminKeys: ['bench-admin-key-1'] },
  };
  const bundle = await readHomeDepot(join(config.datasets.dir, 'homedepot-search'));
  const runtime = await createRuntime(config);
  const started = Date.now();
  await importBundle(runtime.store, { ...bundle, events: [] });
  await runtime.catalog.refresh();
  process.stdout.write(`indexed ${runtime.search.size} products in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  const gateway = await serveGateway(runtime, { config: config.gateway, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  const queries = [...new Set((bundle.judgments ?? []).map((j) => j.query))];
  const query = 'query Search($q: String!) { search(query: $q, first: 10) { total hits { score product { id title } } facets { category { value count } } } }';
  try {
    const report = await runLoad({
      url: gateway.url,
      headers: { 'x-api-key': 'bench-app-key-1' },
      body: (i) => JSON.stringify({ query, variables: { q: queries[i % queries.length] }, operationName: 'Search' }),
      concurrency: Number(values.concurrency),
      durationMs: Number(values.seconds) * 1000,
      warmup: 200,
    });
    process.stdout.write(`${formatReport(`search, ${values.concurrency} concurrent, ${queries.length} distinct queries`, report)}\n`);
  } finally {
    await gateway.stop();
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
