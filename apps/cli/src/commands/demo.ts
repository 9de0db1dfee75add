import { randomBytes } from 'node:crypto';
import { createLogger, onShutdown, type MagpieConfig } from '@magpie/config';
import { generateShop, type SyntheticShop } from '@magpie/datasets';
import { createRuntime, importBundle, serveGateway } from '@magpie/runtime';
import { gql } from '../graphql-client';
import { progressBar } from '../progress';

export const DEMO_HELP = `magpie demo [--once] [--port 4000] [--products 2000] [--users 500] [--seed 42]
  Embedded: generates a bilingual shop into PGlite (in memory with --once, else MAGPIE_DATA_DIR),
  trains statistics, a SASRec sequence model and long-tail candidates inline, starts the gateway and prints example queries.
  --once also queries the running gateway over HTTP, prints recommendations and search results, and exits.`;

interface DemoArgs { once?: boolean; port?: string; products?: string; users?: string; seed?: string }

const RECOMMEND = `query Recommend($user: ID!) { recommendations(userId: $user, first: 5) { score source reason product { id title price } } }`;
const SEARCH = `query Search($q: String!) { search(query: $q, first: 5) { total terms hits { score matchedTerms product { id title brand } } facets { category { value count } brand { value count } } } }`;
const RECORD = `mutation Record($events: [EventInput!]!) { recordEvents(events: $events) { accepted duplicates } }`;

export async function runDemo(base: MagpieConfig, args: DemoArgs): Promise<void> {
  const log = createLogger('demo', base.logLevel);
  const started = Date.now();
  const appKey = base.gateway.appKeys[0] ?? `app_${randomBytes(12).toString('hex')}`;
  const adminKey = base.gateway.adminKeys[0] ?? `admin_${randomBytes(12).toString('hex')}`;
  const config: MagpieConfig = {
    ...base,
    database: { ...base.database, url: undefined, dataDir: args.once ? ':memory:' : base.database.dataDir },
    redis: { ...base.redis, url: undefined },
    gateway: { ...base.gateway, appKeys: [appKey], adminKeys: [adminKey], port: args.port ? Number(args.port) : base.gateway.port },
  };

  const shop = generateShop({ products: Number(args.products ?? 2000), users: Number(args.users ?? 500), seed: Number(args.seed ?? 42) });
  const runtime = await createRuntime(config, { logger: log });
  const bar = progressBar('import');
  const imported = await importBundle(runtime.store, shop, { onProgress: (p) => bar.update(p.done, p.total, p.phase) });
  bar.stop();
  await runtime.catalog.refresh();
  log.info('shop imported', { products: shop.products.length, events: imported.events.accepted, seconds: imported.seconds });

  // Statistics, then the sequence model (a short run: the demo shop is small), then long-tail candidates.
  const jobs = [['STATS', {}], ['SEQUENCE', { epochs: 15, patience: 3 }], ['LONGTAIL', {}]] as const;
  for (const [kind, options] of jobs) {
    const job = await runtime.services.jobs.retrain(kind, options);
    const done = await runtime.queue.waitFor(job.id, 600_000);
    if (done.state !== 'completed') throw new Error(`${kind} job failed: ${done.failedReason}`);
    await runtime.models.reload(kind);
    log.info(`${kind} job completed`, { job: job.id, result: done.result });
  }

  const gateway = await serveGateway(runtime, { config: config.gateway, logger: log, fallbackToFreePort: true });
  const examples = exampleIds(shop);
  printGuide(gateway.url, appKey, adminKey, examples);

  if (!args.once) {
    onShutdown(async () => { await gateway.stop(); await runtime.close(); }, log);
    return;
  }
  try {
    await showOnce(gateway.url, appKey, examples);
    process.stdout.write(`\ndemo finished in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } finally {
    await gateway.stop();
    await runtime.close();
  }
}

interface Examples { shopper: string; product: string; productTitle: string; queries: string[] }

function exampleIds(shop: SyntheticShop): Examples {
  const perUser = new Map<string, number>();
  for (const e of shop.events) perUser.set(e.userId, (perUser.get(e.userId) ?? 0) + 1);
  const shopper = [...perUser].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
  const lastOfShopper = [...shop.events].reverse().find((e) => e.userId === shopper);
  const untouched = new Set(shop.events.filter((e) => e.userId === shopper).map((e) => e.productId));
  const product = shop.products.find((p) => !untouched.has(p.id) && (p.stock ?? 1) > 0) ?? shop.products[0];
  const sample = shop.products.find((p) => p.id === lastOfShopper?.productId) ?? shop.products[0];
  const latin = sample.title.match(/[A-Za-z]{4,}(?:\s+[A-Za-z]{4,})?/)?.[0] ?? 'wireless';
  const chinese = sample.title.match(/[\u4e00-\u9fff]{2,}/)?.[0] ?? '耳机';
  return { shopper, product: product.id, productTitle: product.title, queries: [latin.toLowerCase(), chinese, `${chinese} ${latin.split(' ')[0]}`] };
}

function printGuide(url: string, appKey: string, adminKey: string, ex: Examples): void {
  const curl = (query: string, key: string) =>
    `curl -s ${url} -H 'content-type: application/json' -H 'x-api-key: ${key}' \\\n  -d '${JSON.stringify({ query })}'`;
  process.stdout.write(`
Magpie demo gateway: ${url}  (GraphiQL: open it in a browser; set the header {"x-api-key": "${appKey}"})
  app key:   ${appKey}
  admin key: ${adminKey}

Try:
${curl(`{ recommendations(userId: "${ex.shopper}", first: 5) { source reason product { id title } } }`, appKey)}

${curl(`{ search(query: "${ex.queries[1]}", first: 5) { total hits { product { title } matchedTerms } facets { brand { value count } } } }`, appKey)}

${curl(`mutation { recordEvents(events: [{userId: "${ex.shopper}", type: VIEW, productId: "${ex.product}"}]) { accepted } }`, appKey)}

${curl(`mutation { retrain(kind: STATS) { id state } }`, adminKey)}
`);
}

type RecItem = { score: number; source: string; reason: string; product: { id: string; title: string; price: number | null } };
type SearchData = { search: { total: number; terms: string[]; hits: Array<{ score: number; matchedTerms: string[]; product: { id: string; title: string; brand: string | null } }>; facets: { category: Array<{ value: string; count: number }>; brand: Array<{ value: string; count: number }> } } };

async function showOnce(url: string, key: string, ex: Examples): Promise<void> {
  const printRecs = (title: string, items: RecItem[]) => {
    process.stdout.write(`\n${title}\n`);
    for (const [i, r] of items.entries()) {
      process.stdout.write(`  ${i + 1}. [${r.source}] ${r.product.title} (${r.product.id})\n     ${r.reason}\n`);
    }
  };
  const before = await gql<{ recommendations: RecItem[] }>(url, key, RECOMMEND, { user: ex.shopper });
  printRecs(`Recommendations for shopper ${ex.shopper}:`, before.recommendations);

  await gql(url, key, RECORD, { events: [{ userId: ex.shopper, type: 'VIEW', productId: ex.product }] });
  const after = await gql<{ recommendations: RecItem[] }>(url, key, RECOMMEND, { user: ex.shopper });
  printRecs(`After ${ex.shopper} viewed “${ex.productTitle}” (${ex.product}), the very next call:`, after.recommendations);

  const fresh = await gql<{ recommendations: RecItem[] }>(url, key, RECOMMEND, { user: 'new-shopper-demo' });
  printRecs('A shopper never seen before:', fresh.recommendations);

  for (const q of ex.queries) {
    const { search } = await gql<SearchData>(url, key, SEARCH, { q });
    process.stdout.write(`\nSearch “${q}” → ${search.total} products (terms: ${search.terms.join(' ')})\n`);
    for (const [i, h] of search.hits.entries()) {
      process.stdout.write(`  ${i + 1}. ${h.product.title} (${h.product.id}, ${h.product.brand ?? 'no brand'}) matched: ${h.matchedTerms.join(', ')}\n`);
    }
    process.stdout.write(`  facets: ${search.facets.category.slice(0, 4).map((f) => `${f.value} ${f.count}`).join(' · ')} | ${search.facets.brand.slice(0, 4).map((f) => `${f.value} ${f.count}`).join(' · ')}\n`);
  }
}
