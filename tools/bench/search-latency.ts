/**
 * Search latency over HTTP on the whole Home Depot catalogue (54,667 products):
 *   node bin/run-ts.js tools/bench/search-latency.ts [--mode embedded|cluster] [--workers 2] [--concurrency 20] [--seconds 20]
 *     [--search-model FILE] [--cpu-profile FILE] [--heap-profile FILE]
 * With --search-model (written by `magpie eval-search --save-encoder FILE`), the gateway serves the hybrid
 * pipeline (keyword + semantic retrieval, learned fusion) as it does once an ITEM_ENCODER version is active;
 * semantic scoring is exact below MAGPIE_ANN_THRESHOLD products, HNSW (usearch) from there.
 *   embedded: the gateway in this process (in-memory PGlite);
 *   cluster:  `apps/gateway` with MAGPIE_GATEWAY_WORKERS=--workers processes on a fresh PostgreSQL database
 *             and a private Redis prefix (the production shape), the model registered there as the active
 *             ITEM_ENCODER version, each process indexing the catalogue itself; cleaned up afterwards.
 * The dev queries are sent round-robin by 20 closed-loop clients in a worker thread (so they do not share the
 * gateway's event loop). Prints p50/p95/p99 and throughput, then the floor: `{ __typename }` through the same
 * gateway, i.e. what HTTP + Apollo alone cost on this machine. `--cpu-profile FILE` (embedded) profiles the
 * gateway's thread over the searches; `--heap-profile FILE` (embedded) samples what it allocates and prints it
 * per search (machine-independent: what GC work follows).
 */
import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, type MagpieConfig } from '@magpie/config';
import { createStore } from '@magpie/data';
import { readHomeDepot, type DatasetBundle } from '@magpie/datasets';
import { encodeSearchModelArtifact, searchModelFromBytes } from '@magpie/search';
import { createPostgresRedisTestEnv, createRuntime, importBundle, serveGateway } from '@magpie/runtime';
import { startClusterGateway, type ServedGateway } from './cluster-gateway';
import { formatReport } from './http-load';
import { runLoadInThread, withCpu } from './load-in-thread';
import { startProfiler } from './cpu-profiler';
import { startHeapSampler } from './heap-sampler';

const APP_KEY = 'bench-app-key-1';
const ADMIN_KEY = 'bench-admin-key-1';
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string', default: 'embedded' }, workers: { type: 'string', default: '2' },
      concurrency: { type: 'string', default: '20' }, seconds: { type: 'string', default: '20' },
      'search-model': { type: 'string' }, 'cpu-profile': { type: 'string' }, 'heap-profile': { type: 'string' },
    },
  });
  if (values.mode !== 'embedded' && values.mode !== 'cluster') throw new Error('--mode is embedded or cluster');
  const cluster = values.mode === 'cluster';
  if (cluster && (values['cpu-profile'] || values['heap-profile'])) throw new Error('--cpu-profile and --heap-profile profile the embedded gateway (--mode embedded)');
  const base = loadConfig(process.env, { logLevel: 'warn' });
  const bundle = await readHomeDepot(join(base.datasets.dir, 'homedepot-search'));
  const model = values['search-model']
    ? encodeSearchModelArtifact(searchModelFromBytes(new Uint8Array(await readFile(values['search-model']))))
    : null;
  const served = cluster ? await serveCluster(base, bundle, model, Number(values.workers)) : await serveEmbedded(base, bundle, model);
  const semanticSide = base.ml.servingThread ? 'in a serving thread' : 'in the request thread';
  const where = cluster ? `${values.workers} gateway processes (apps/gateway, PostgreSQL + Redis)` : 'the gateway in this process (embedded)';
  say(`${where}, ${model ? `hybrid search (${values['search-model']}; semantic side ${semanticSide})` : 'keyword search'}`);
  const queries = [...new Set((bundle.judgments ?? []).map((j) => j.query))];
  const query = 'query Search($q: String!) { search(query: $q, first: 10) { total hits { score product { id title } } facets { category { value count } } } }';
  const common = { url: served.url, headers: { 'x-api-key': APP_KEY }, concurrency: Number(values.concurrency) };
  try {
    const warmup = await runLoadInThread({ ...common, query, operationName: 'Search', variables: queries.map((q) => ({ q })), durationMs: 60_000, maxRequests: 400 });
    if (warmup.errors > 0) throw new Error(`${warmup.errors} of the warm-up searches failed`);
    const profiler = values['cpu-profile'] ? await startProfiler() : null;
    const sampler = values['heap-profile'] ? await startHeapSampler() : null;
    const report = await withCpu(() => runLoadInThread({
      ...common, query, operationName: 'Search', variables: queries.map((q) => ({ q })), durationMs: Number(values.seconds) * 1000,
    }));
    say(`${formatReport(`search, ${values.concurrency} concurrent, ${queries.length} distinct queries`, report)}\n  ${cluster ? `this process (the load clients only): ${report.cpu}` : report.cpu}`);
    if (sampler && values['heap-profile']) {
      const bytes = await sampler.stop(values['heap-profile']);
      say(`gateway thread allocated over the searches (sampled): ${(bytes / 1024 / Math.max(1, report.requests)).toFixed(0)} KB per search; heap profile: ${values['heap-profile']}`);
    }
    if (profiler && values['cpu-profile']) say(`CPU profile of the gateway thread over the searches: ${await profiler.stop(values['cpu-profile'])}`);
    const floor = await runLoadInThread({ ...common, query: 'query Search { __typename }', operationName: 'Search', variables: [{}], durationMs: 5000 });
    say(formatReport(`floor: the same HTTP/GraphQL path answering { __typename }, ${values.concurrency} concurrent`, floor));
    const met = report.p50 < 20 && report.p99 < 50 && report.errors === 0;
    say(`target p50 < 20 ms and p99 < 50 ms: ${met ? 'met' : 'NOT met'}`);
  } finally {
    await served.stop();
  }
}

/** The gateway in this process, on in-memory PGlite, serving `model` (artifact bytes) when given. */
async function serveEmbedded(base: MagpieConfig, bundle: DatasetBundle, model: Uint8Array | null): Promise<ServedGateway> {
  const config: MagpieConfig = {
    ...base,
    database: { ...base.database, url: undefined, dataDir: ':memory:' },
    redis: { ...base.redis, url: undefined },
    gateway: { ...base.gateway, port: 0, appKeys: [APP_KEY], adminKeys: [ADMIN_KEY] },
  };
  const runtime = await createRuntime(config);
  try {
    const started = Date.now();
    await importBundle(runtime.store, { ...bundle, events: [] });
    await runtime.catalog.refresh();
    if (model) await runtime.search.use(await runtime.models.servedSearchModel(0, model));
    say(`indexed ${runtime.search.size} products in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const gateway = await serveGateway(runtime, { config: config.gateway, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
    return { url: gateway.url, stop: async () => { await gateway.stop(); await runtime.close(); } };
  } catch (error) {
    await runtime.close();
    throw error;
  }
}

/**
 * `apps/gateway` processes on a fresh PostgreSQL database holding the catalogue and, when given, `model` as
 * the active ITEM_ENCODER version: each process loads the catalogue, indexes it and encodes it, as a
 * deployment's gateways do at start.
 */
async function serveCluster(base: MagpieConfig, bundle: DatasetBundle, model: Uint8Array | null, workers: number): Promise<ServedGateway> {
  const env = await createPostgresRedisTestEnv();
  try {
    const config: MagpieConfig = { ...base, database: { ...base.database, ...env.config.database }, redis: env.config.redis };
    const started = Date.now();
    const store = await createStore(config.database);
    let versionId: number | null = null;
    try {
      await importBundle(store, { ...bundle, events: [] });
      if (model) {
        const version = await store.versions.create({ kind: 'ITEM_ENCODER', config: { source: 'bench:search --search-model' } });
        const artifactId = await store.artifacts.save(`item-encoder-v${version.id}`, model, { format: 'magpie-search-model/1' });
        await store.versions.complete(version.id, { metrics: {}, artifactId });
        await store.versions.activate(version.id);
        versionId = version.id;
      }
    } finally {
      await store.close();
    }
    say(`imported ${bundle.products.length} products into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(1)} s; starting ${workers} gateway processes`);
    const ready = versionId === null ? '"status":"ok"' : `"model ITEM_ENCODER":"version ${versionId}"`;
    const gateway = await startClusterGateway(config, { workers, app: APP_KEY, admin: ADMIN_KEY, ready: (body) => body.includes(ready), waitingFor: ready, timeoutMs: 900_000 });
    say(`gateway processes ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { url: gateway.url, stop: async () => { await gateway.stop(); await env.teardown(); } };
  } catch (error) {
    await env.teardown();
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
