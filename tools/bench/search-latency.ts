/**
 * Search latency over HTTP on the whole Home Depot catalogue (54,667 products):
 *   node bin/run-ts.js tools/bench/search-latency.ts [--concurrency 20] [--seconds 20] [--search-model FILE] [--cpu-profile FILE] [--heap-profile FILE]
 * With --search-model (written by `magpie eval-search --save-encoder FILE`), the gateway serves the hybrid
 * pipeline (keyword + semantic retrieval, learned fusion) as it does once an ITEM_ENCODER version is active;
 * semantic scoring is exact below MAGPIE_ANN_THRESHOLD products, HNSW (usearch) from there.
 * Embedded runtime (in-memory PGlite), the real gateway on a free loopback port, the dev queries
 * sent round-robin by 20 closed-loop clients in a worker thread (so they do not share the gateway's
 * event loop). Prints p50/p95/p99 and throughput, then the floor: `{ __typename }` through the same
 * gateway, i.e. what HTTP + Apollo alone cost on this machine. `--heap-profile FILE` samples what the gateway's thread
 * allocates over the searches and prints it per search (machine-independent: what GC work follows).
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@magpie/config';
import { readHomeDepot } from '@magpie/datasets';
import { encodeSearchModelArtifact, searchModelFromBytes } from '@magpie/search';
import { createRuntime, importBundle, serveGateway } from '@magpie/runtime';
import { formatReport } from './http-load';
import { runLoadInThread, withCpu } from './load-in-thread';
import { startProfiler } from './cpu-profiler';
import { startHeapSampler } from './heap-sampler';

async function main() {
  const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '20' }, seconds: { type: 'string', default: '20' }, 'search-model': { type: 'string' }, 'cpu-profile': { type: 'string' }, 'heap-profile': { type: 'string' } } });
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
  if (values['search-model']) {
    const bytes = encodeSearchModelArtifact(searchModelFromBytes(new Uint8Array(await readFile(values['search-model']))));
    await runtime.search.use(await runtime.models.servedSearchModel(0, bytes));
  }
  const mode = values['search-model'] ? `hybrid (${values['search-model']}; semantic side ${config.ml.servingThread ? 'in a serving thread' : 'in the request thread'})` : 'keyword';
  process.stdout.write(`indexed ${runtime.search.size} products in ${((Date.now() - started) / 1000).toFixed(1)} s, ${mode} search\n`);
  const gateway = await serveGateway(runtime, { config: config.gateway, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  const queries = [...new Set((bundle.judgments ?? []).map((j) => j.query))];
  const query = 'query Search($q: String!) { search(query: $q, first: 10) { total hits { score product { id title } } facets { category { value count } } } }';
  const common = { url: gateway.url, headers: { 'x-api-key': 'bench-app-key-1' }, concurrency: Number(values.concurrency) };
  try {
    const warmup = await runLoadInThread({ ...common, query, operationName: 'Search', variables: queries.map((q) => ({ q })), durationMs: 60_000, maxRequests: 400 });
    if (warmup.errors > 0) throw new Error(`${warmup.errors} of the warm-up searches failed`);
    const profiler = values['cpu-profile'] ? await startProfiler() : null;
    const sampler = values['heap-profile'] ? await startHeapSampler() : null;
    const report = await withCpu(() => runLoadInThread({
      ...common, query, operationName: 'Search', variables: queries.map((q) => ({ q })), durationMs: Number(values.seconds) * 1000,
    }));
    process.stdout.write(`${formatReport(`search, ${values.concurrency} concurrent, ${queries.length} distinct queries`, report)}\n  ${report.cpu}\n`);
    if (sampler && values['heap-profile']) {
      const bytes = await sampler.stop(values['heap-profile']);
      process.stdout.write(`gateway thread allocated over the searches (sampled): ${(bytes / 1024 / Math.max(1, report.requests)).toFixed(0)} KB per search; heap profile: ${values['heap-profile']}\n`);
    }
    if (profiler && values['cpu-profile']) process.stdout.write(`CPU profile of the gateway thread over the searches: ${await profiler.stop(values['cpu-profile'])}\n`);
    const floor = await runLoadInThread({ ...common, query: 'query Search { __typename }', operationName: 'Search', variables: [{}], durationMs: 5000 });
    process.stdout.write(`${formatReport(`floor: the same HTTP/GraphQL path answering { __typename }, ${values.concurrency} concurrent`, floor)}\n`);
    const met = report.p50 < 20 && report.p99 < 50 && report.errors === 0;
    process.stdout.write(`target p50 < 20 ms and p99 < 50 ms: ${met ? 'met' : 'NOT met'}\n`);
  } finally {
    await gateway.stop();
    await runtime.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
