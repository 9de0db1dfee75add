/**
 * Latency of `recommendations` over HTTP with the sequence model in the loop:
 *   node bin/run-ts.js tools/bench/recommendations-latency.ts [--mode embedded|cluster] [--workers 2]
 *     [--seconds 20] [--concurrency 20] [--products 12000] [--users 2000] [--epochs 1] [--dim 64] [--ann] [--event-rounds 3] [--cpu-profile FILE] [--heap-profile FILE]
 * A generated shop (generateShop), statistics, and a SASRec model of the real shape (d 64, 2 blocks,
 * length 50) trained for `--epochs` (default 1: the bench measures serving, not model quality) by the
 * train-sequence job. Then closed-loop HTTP clients in a worker thread against:
 *   embedded: the gateway in this process (in-memory PGlite, memory histories, inline jobs);
 *   cluster:  `apps/gateway` with MAGPIE_GATEWAY_WORKERS=--workers processes on a fresh PostgreSQL
 *             database and a private Redis prefix (the production shape), cleaned up afterwards.
 * Phases, each printed with throughput and p50/p95/p99:
 *   first visit:  every shopper once; the history is rebuilt from the events table, encoded, scored;
 *   after event:  one new view appended to every shopper's history (what recordEvents does), then
 *                 every shopper once: a history the model has never seen, read from the history store;
 *                 `--event-rounds` times (default 3), each round printed (the first also pays the warm-up of
 *                 the incremental path); the verdict takes the round of median p50;
 *   repeat:       random shoppers for `--seconds` (unchanged histories: the remembered ranking);
 *   floor:        `{ __typename }` through the same gateway: what HTTP + Apollo cost on this machine.
 * Under each phase: how busy this process's main thread was (the gateway's request thread in embedded
 * mode) and the process's CPU per request over all its threads (the serving thread and the load clients too).
 * `--ann` scores through the usearch HNSW index instead of exactly. `--cpu-profile FILE` (embedded) writes a CPU
 * profile of the gateway's thread over the after-event rounds; `--heap-profile FILE` (embedded) samples what that thread
 * allocates during the after-event requests and prints it per request (machine-independent: what GC work follows). `MAGPIE_SERVING_THREAD=false` scores the
 * sequence model in the request thread (default: in a serving thread of its own).
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig, type MagpieConfig } from '@magpie/config';
import { generateShop } from '@magpie/datasets';
import { createPostgresRedisTestEnv, createRuntime, importBundle, serveGateway, type Runtime } from '@magpie/runtime';
import { formatReport, type LoadReport } from './http-load';
import { runLoadInThread, withCpu } from './load-in-thread';
import { startProfiler } from './cpu-profiler';
import { startHeapSampler } from './heap-sampler';
import { startClusterGateway, type ServedGateway } from './cluster-gateway';

const APP_KEY = 'bench-app-key-1';
const ADMIN_KEY = 'bench-admin-key-1';
const QUERY = 'query Recommend($u: ID!) { recommendations(userId: $u, first: 10) { score source reason product { id title price inStock } } }';

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
const say = (line: string) => process.stdout.write(`${line}\n`);
const report = (label: string, r: LoadReport & { cpu: string }) => say(`${formatReport(label, r)}\n  ${r.cpu}`);

async function main() {
  const { values } = parseArgs({
    options: {
      mode: { type: 'string', default: 'embedded' }, workers: { type: 'string', default: '2' },
      seconds: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '20' },
      products: { type: 'string', default: '12000' }, users: { type: 'string', default: '2000' },
      epochs: { type: 'string', default: '1' }, dim: { type: 'string', default: '64' }, ann: { type: 'boolean', default: false },
      'event-rounds': { type: 'string', default: '3' }, 'cpu-profile': { type: 'string' }, 'heap-profile': { type: 'string' },
    },
  });
  if (values.mode !== 'embedded' && values.mode !== 'cluster') throw new Error('--mode is embedded or cluster');
  const cluster = values.mode === 'cluster';
  const base = loadConfig(process.env, { logLevel: 'warn' });
  const env = cluster ? await createPostgresRedisTestEnv() : null;
  const config: MagpieConfig = {
    ...base,
    database: { ...base.database, url: env?.databaseUrl, dataDir: ':memory:' },
    redis: { url: env?.redisUrl, prefix: env?.prefix ?? base.redis.prefix },
    gateway: { ...base.gateway, port: 0, host: '127.0.0.1', appKeys: [APP_KEY], adminKeys: [ADMIN_KEY] },
    ml: { ...base.ml, annThreshold: values.ann ? 0 : base.ml.annThreshold },
  };
  let runtime: Runtime | null = null;
  let served: ServedGateway | null = null;
  try {
    let t = Date.now();
    const shop = generateShop({ products: Number(values.products), users: Number(values.users), seed: 42 });
    runtime = await createRuntime(config, { workers: cluster });
    await importBundle(runtime.store, shop);
    await runtime.catalog.refresh();
    say(`shop: ${shop.products.length} products, ${shop.events.length} events of ${values.users} shoppers, imported in ${seconds(t)} s (${values.mode})`);
    t = Date.now();
    await train(runtime, { epochs: Number(values.epochs), dim: Number(values.dim), maxLen: 50, kind: 'sasrec' }, t);

    served = cluster
      ? await startClusterGateway(config, { workers: Number(values.workers), app: APP_KEY, admin: ADMIN_KEY, ready: (body) => body.includes('sequence model served'), waitingFor: 'a sequence model served' })
      : await serveEmbedded(runtime, config);
    say(`gateway: ${cluster ? `${values.workers} processes (apps/gateway, PostgreSQL + Redis)` : 'in this process (embedded)'} at ${served.url}`);
    const shoppers = [...new Set(shop.events.map((e) => e.userId))];
    const common = { url: served.url, headers: { 'x-api-key': APP_KEY }, query: QUERY, operationName: 'Recommend', concurrency: Number(values.concurrency) };
    const each = (ids: string[]) => withCpu(() => runLoadInThread({ ...common, variables: ids.map((u) => ({ u })), durationMs: 600_000, maxRequests: ids.length }));
    const c = values.concurrency;
    const sample = await each(shoppers.slice(0, 1));
    if (sample.errors > 0) throw new Error('the first request failed');

    const first = await each(shoppers.slice(1));
    report(`first visit (each of ${shoppers.length - 1} shoppers once, history rebuilt from events), ${c} concurrent`, first);
    const rounds: Array<LoadReport & { cpu: string }> = [];
    const profiler = values['cpu-profile'] && !cluster ? await startProfiler() : null;
    const heapProfile = cluster ? undefined : values['heap-profile'];
    let allocated = 0;
    for (let round = 1; round <= Number(values['event-rounds']); round++) {
      await appendOneView(runtime, shoppers, shop.products.map((p) => p.id), round);
      const sampler = heapProfile ? await startHeapSampler() : null;
      rounds.push(await each(shuffled(shoppers)));
      if (sampler) allocated += await sampler.stop(round === Number(values['event-rounds']) ? heapProfile : undefined);
      report(`after event, round ${round} (each of ${shoppers.length} shoppers once, a history never seen), ${c} concurrent`, rounds[rounds.length - 1]);
    }
    if (heapProfile) say(`main thread allocated over the after-event requests (sampled): ${(allocated / 1024 / (rounds.length * shoppers.length)).toFixed(0)} KB per request; last round's heap profile: ${heapProfile}`);
    if (profiler && values['cpu-profile']) say(`CPU profile of the main thread over the after-event rounds: ${await profiler.stop(values['cpu-profile'])}`);
    const afterEvent = [...rounds].sort((a, b) => a.p50 - b.p50)[Math.floor((rounds.length - 1) / 2)];
    const repeat = await withCpu(() => runLoadInThread({ ...common, variables: shuffled(shoppers).map((u) => ({ u })), durationMs: Number(values.seconds) * 1000 }));
    report(`repeat (random shoppers for ${values.seconds} s, unchanged histories), ${c} concurrent`, repeat);
    const floor = await withCpu(() => runLoadInThread({ ...common, query: 'query Recommend { __typename }', variables: [{}], durationMs: 5000 }));
    report(`floor: the same HTTP/GraphQL path answering { __typename }, ${c} concurrent`, floor);
    const verdict = (r: LoadReport) => (r.p50 < 10 && r.errors === 0 ? 'met' : 'NOT met');
    say(`target p50 < 10 ms: after event ${verdict(afterEvent)} (median round, p50 ${afterEvent.p50.toFixed(2)} ms), repeat ${verdict(repeat)}, first visit ${verdict(first)}`);
  } finally {
    await served?.stop();
    await runtime?.close();
    await env?.teardown();
  }
}

/** STATS, then a SASRec model through the train-sequence job, promoted by its gate (first version). */
async function train(runtime: Runtime, payload: Record<string, unknown>, started: number): Promise<void> {
  const stats = await runtime.services.jobs.retrain('STATS');
  await runtime.queue.waitFor(stats.id, 600_000);
  const job = await runtime.services.jobs.retrain('SEQUENCE', payload);
  const done = await runtime.queue.waitFor(job.id, 3_600_000);
  if (done.state !== 'completed') throw new Error(`train-sequence ${done.state}: ${done.failedReason}`);
  const { metrics } = done.result as { metrics: Record<string, number> };
  say(`model: SASRec ${JSON.stringify(payload)} over ${metrics['items']} items, ${metrics['sequences']} sequences; trained in ${seconds(started)} s ` +
    `(valid NDCG@10 ${metrics['valid ndcg@10'].toFixed(4)}, ${metrics['sequencesPerSecond'].toFixed(0)} seq/s)`);
}

async function serveEmbedded(runtime: Runtime, config: MagpieConfig): Promise<ServedGateway> {
  await runtime.models.reload('SEQUENCE'); // normally the promotion event does this in the background
  const serving = runtime.models.sequence();
  if (!serving) throw new Error('the sequence model was trained but is not served');
  say(`scoring: ${serving.scoring.description}, backend ${runtime.models.computeBackend()}`);
  const gateway = await serveGateway(runtime, { config: config.gateway, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  return { url: gateway.url, stop: () => gateway.stop() };
}

/** One new view per shopper (round `round`), added to the history store the gateways read (what recordEvents does after writing the event). */
async function appendOneView(runtime: Runtime, shoppers: string[], products: string[], round: number): Promise<void> {
  const ts = Date.now();
  for (const [i, externalId] of shoppers.entries()) {
    const userId = await runtime.store.users.find(externalId);
    const product = runtime.catalog.byExternalId(products[(i * 7919 + round * 104_729) % products.length]);
    if (userId === null || !product) continue;
    await runtime.history.append(userId, [{ productId: product.id, type: 'view', ts }]);
  }
}

/** A fixed-seed shuffle, so runs are comparable. */
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let s = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
