/**
 * Latency of `recommendations` over HTTP with the sequence model in the loop:
 *   node bin/run-ts.js tools/bench/recommendations-latency.ts [--seconds 20] [--concurrency 20]
 *     [--products 12000] [--users 2000] [--epochs 1] [--dim 64] [--ann]
 * Embedded runtime (in-memory PGlite, inline jobs): a generated shop (generateShop), statistics,
 * and a SASRec model of the real shape (d 64, 2 blocks, length 50) trained for `--epochs` (default
 * 1: the bench measures serving, not model quality) by the train-sequence job; then the gateway on
 * a free loopback port and closed-loop HTTP clients in a worker thread. Two phases:
 *   cold: every shopper once (each request encodes a history never seen: explain/encode + scoring),
 *   warm: random shoppers for `--seconds` (histories already encoded: the remembered ranking),
 *   floor: `{ __typename }` through the same gateway, i.e. what HTTP + Apollo cost on this machine.
 * `--ann` scores through the usearch HNSW index instead of exactly.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig, type MagpieConfig } from '@magpie/config';
import { generateShop } from '@magpie/datasets';
import { createRuntime, importBundle, serveGateway } from '@magpie/runtime';
import { formatReport } from './http-load';
import { runLoadInThread } from './load-in-thread';

const APP_KEY = 'bench-app-key-1';
const QUERY = 'query Recommend($u: ID!) { recommendations(userId: $u, first: 10) { score source reason product { id title price inStock } } }';

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '20' }, concurrency: { type: 'string', default: '20' },
      products: { type: 'string', default: '12000' }, users: { type: 'string', default: '2000' },
      epochs: { type: 'string', default: '1' }, dim: { type: 'string', default: '64' }, ann: { type: 'boolean', default: false },
    },
  });
  const base = loadConfig(process.env, { logLevel: 'warn' });
  const config: MagpieConfig = {
    ...base,
    database: { ...base.database, url: undefined, dataDir: ':memory:' },
    redis: { ...base.redis, url: undefined },
    gateway: { ...base.gateway, port: 0, host: '127.0.0.1', appKeys: [APP_KEY], adminKeys: ['bench-admin-key-1'] },
    ml: { ...base.ml, annThreshold: values.ann ? 0 : base.ml.annThreshold },
  };
  let t = Date.now();
  const shop = generateShop({ products: Number(values.products), users: Number(values.users), seed: 42 });
  const runtime = await createRuntime(config);
  await importBundle(runtime.store, shop);
  await runtime.catalog.refresh();
  say(`shop: ${shop.products.length} products, ${shop.events.length} events of ${values.users} shoppers, imported in ${seconds(t)} s`);

  t = Date.now();
  const stats = await runtime.services.jobs.retrain('STATS');
  await runtime.queue.waitFor(stats.id, 600_000);
  const payload = { epochs: Number(values.epochs), dim: Number(values.dim), maxLen: 50, kind: 'sasrec' };
  const job = await runtime.services.jobs.retrain('SEQUENCE', payload);
  const done = await runtime.queue.waitFor(job.id, 3_600_000);
  if (done.state !== 'completed') throw new Error(`train-sequence ${done.state}: ${done.failedReason}`);
  await runtime.models.reload('SEQUENCE'); // normally the promotion event does this in the background
  const serving = runtime.models.sequence();
  if (!serving) throw new Error(`the sequence model was trained but is not served: ${JSON.stringify(done.result)}`);
  const { metrics } = (done.result as { metrics: Record<string, number> });
  say(`model: SASRec ${JSON.stringify(payload)} over ${metrics['items']} items, ${metrics['sequences']} sequences; trained in ${seconds(t)} s ` +
    `(valid NDCG@10 ${metrics['valid ndcg@10'].toFixed(4)}, ${metrics['sequencesPerSecond'].toFixed(0)} seq/s); scoring: ${serving.index.kind}`);

  const gateway = await serveGateway(runtime, { config: config.gateway, logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  const shoppers = [...new Set(shop.events.map((e) => e.userId))].map((u) => ({ u }));
  const common = { url: gateway.url, headers: { 'x-api-key': APP_KEY }, query: QUERY, operationName: 'Recommend', concurrency: Number(values.concurrency) };
  try {
    const probe = await fetch(gateway.url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': APP_KEY },
      body: JSON.stringify({ query: QUERY, variables: shoppers[0] }),
    });
    const first = ((await probe.json()) as { data: { recommendations: Array<{ source: string; reason: string }> } }).data.recommendations[0];
    say(`sample: ${first.source} — ${first.reason}`);
    const cold = await runLoadInThread({ ...common, variables: shoppers.slice(1), durationMs: 600_000, maxRequests: shoppers.length - 1 });
    say(formatReport(`cold (each of ${shoppers.length - 1} shoppers once, new histories), ${values.concurrency} concurrent`, cold));
    const warm = await runLoadInThread({ ...common, variables: shuffled(shoppers), durationMs: Number(values.seconds) * 1000 });
    say(formatReport(`warm (${shoppers.length} shoppers, ${values.seconds} s), ${values.concurrency} concurrent`, warm));
    const floor = await runLoadInThread({ ...common, query: 'query Recommend { __typename }', variables: shoppers, durationMs: 5000 });
    say(formatReport(`floor: the same HTTP/GraphQL path answering { __typename }, ${values.concurrency} concurrent`, floor));
    say(`target p50 < 10 ms: cold ${cold.p50 < 10 ? 'met' : 'NOT met'}, warm ${warm.p50 < 10 ? 'met' : 'NOT met'}`);
  } finally {
    await gateway.stop();
    await runtime.close();
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
