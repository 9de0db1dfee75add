/**
 * The ranker (Y = X·W₁ + H·C) against the blended order it replaces, on a public dataset:
 *   node bin/run-ts.js tools/bench/ranker-offline.ts [--dataset amazon-beauty] [--users 6000] [--epochs 8] [--dim 16] [--seed 1]
 * Leave-one-out: each shopper's last interaction is the test decision. Statistics (popularity,
 * co-occurrence) are computed without each shopper's last 4 interactions (eventsBeforeDecisions); the ranker is fitted, as the train-ranker
 * job does, on the shoppers' earlier decisions (their last 3 before the test one) against the pool the
 * serving pipeline blends (co-occurrence, tail neighbours, popular; 50 candidates; no sequence model here). Printed: how often
 * the test item is among the candidates at all, and NDCG@10 / MRR of the test item within the pool for
 * the blended order and for the ranker, plus tail share of the top 10 with and without `tailShare`.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '@magpie/config';
import type { HistoryEntry, Product } from '@magpie/contracts';
import { asCatalogProduct, loadDataset } from '@magpie/datasets';
import {
  blendPoolSize, catalogViewOf, computeStats, createRankerTrainer, evaluateRanker, eventsBeforeDecisions, heldOutLists, isTailItem, Recommender, ServedRanker,
  DEFAULT_LIST_SHAPING, type RankerList, type StatsEvent,
} from '@magpie/recommendation';

const { values } = parseArgs({
  options: {
    dataset: { type: 'string', default: 'amazon-beauty' },
    users: { type: 'string', default: '6000' },
    epochs: { type: 'string', default: '8' },
    dim: { type: 'string', default: '16' },
    seed: { type: 'string', default: '1' },
  },
});
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const config = loadConfig(process.env, { logLevel: 'warn' });
  const bundle = await loadDataset(values.dataset!, config.datasets.dir);
  const productIds = new Map<string, number>();
  const catalog = new Map<number, Product>();
  for (const p of bundle.products) {
    const id = productIds.size + 1;
    productIds.set(p.id, id);
    catalog.set(id, asCatalogProduct(p, id));
  }
  const userIds = new Map<string, number>();
  const byUser = new Map<number, HistoryEntry[]>();
  for (const e of bundle.events) {
    const productId = productIds.get(e.productId);
    if (productId === undefined) continue;
    let userId = userIds.get(e.userId);
    if (userId === undefined) userIds.set(e.userId, (userId = userIds.size + 1));
    const list = byUser.get(userId) ?? [];
    list.push({ productId, type: e.type, ts: e.ts });
    byUser.set(userId, list);
  }
  const trainEvents: StatsEvent[] = [];
  // Statistics leave out each shopper's last 4 interactions (the 3 training decisions and the test one):
  // no decision's own interaction is in the co-occurrence it is ranked with, as at serving time, where
  // a shopper's fresh events are newer than the statistics.
  for (const [userId, events] of byUser) for (const e of eventsBeforeDecisions(events, 4)) trainEvents.push({ userId, ...e });
  const stats = await computeStats([trainEvents], { halfLifeDays: 14, maxNeighbours: 50, window: 5 });
  const isTail = isTailItem(stats, 0.2);
  const lookup = (id: number) => catalog.get(id);
  const recommender = new Recommender({ catalog: catalogViewOf(lookup), stats: () => stats });
  const listOptions = { stats, recommender, isTail, lookup, historyLength: 100, poolSize: blendPoolSize(10, true) };
  const users = [...byUser.keys()].slice(0, Number(values.users));
  const train: RankerList[] = [];
  const test: RankerList[] = [];
  for (const userId of users) {
    const events = byUser.get(userId)!;
    train.push(...(await heldOutLists(events.slice(0, -1), { ...listOptions, decisions: 3 })));
    test.push(...(await heldOutLists(events, { ...listOptions, decisions: 1 })));
  }
  say(`${values.dataset}: ${users.length} shoppers, ${catalog.size} items; ${train.length} training decisions; test item among the 50 blended candidates for ${test.length} (${((100 * test.length) / users.length).toFixed(1)}%)`);
  const trainer = createRankerTrainer(train, { dim: Number(values.dim), seed: Number(values.seed) });
  for (let epoch = 1; epoch <= Number(values.epochs); epoch++) say(`  epoch ${epoch}: loss ${trainer.epoch().toFixed(4)}`);
  const blended = evaluateRanker(null, test);
  const ranked = evaluateRanker(trainer.model, test);
  say(`within the pool (test decisions whose item was a candidate):`);
  const found = test.length / users.length;
  say(`  blended order  NDCG@10 ${blended.ndcg10.toFixed(4)}  MRR ${blended.mrr.toFixed(4)}   (over all test shoppers, a miss counting 0: NDCG@10 ${(blended.ndcg10 * found).toFixed(4)})`);
  say(`  ranker         NDCG@10 ${ranked.ndcg10.toFixed(4)}  MRR ${ranked.mrr.toFixed(4)}   (over all test shoppers: NDCG@10 ${(ranked.ndcg10 * found).toFixed(4)})`);
  const served = new ServedRanker(0, trainer.model);
  /** Tail share of every shopper's top 10 (history without the test item), and the time per `recommend`. */
  const topTen = (options: { ranker: boolean; tailShare?: number }) => {
    const r = new Recommender({ catalog: catalogViewOf(lookup), stats: () => stats, ranker: () => (options.ranker ? served : null), shaping: DEFAULT_LIST_SHAPING });
    let tail = 0;
    let shown = 0;
    const t0 = process.hrtime.bigint();
    for (const userId of users) {
      const recent = byUser.get(userId)!.slice(0, -1).slice(-100);
      const items = r.recommend({ state: { recent, purchased: [], disliked: [] }, first: 10, tailShare: options.tailShare });
      shown += items.length;
      tail += items.filter((i) => isTail(i.product.id)).length;
    }
    const ms = Number(process.hrtime.bigint() - t0) / 1e6 / users.length;
    return `${(shown > 0 ? tail / shown : 0).toFixed(3)} (${ms.toFixed(3)} ms per list)`;
  };
  say(`tail share of the top 10: blended ${topTen({ ranker: false })}, ranked ${topTen({ ranker: true })}, ranked + tailShare 0.3 ${topTen({ ranker: true, tailShare: 0.3 })}`);
  say(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
