/**
 * Simulated-feedback benchmark of the blend bandit (issue 5):
 *   npm run bench:feedback -- [--dataset amazon-beauty] [--shoppers 4000] [--rounds 150000] [--seed 1]
 *                             [--sharpness 2,inf] [--floor 0.05] [--window 7500] [--out tmp/blend-feedback.svg]
 * Shoppers are drawn from the held-out data (leave-one-out: each shopper's history is everything but
 * their last item). The sources are the gateway's own candidate generators over statistics trained on
 * the training part: co-occurrence, popular, long-tail (tail neighbours), and, as the cheap stand-in for the
 * sequence model, a first-order Markov chain over the training transitions (SASRec is too slow to train
 * here per run). A shopper "clicks" a shown item iff it is the item they really chose next.
 * The bandit (Thompson sampling over each source's click-through, floor share per source) runs T rounds
 * online (once per `--sharpness` value; the first is charted); every fixed blend on a simplex grid (shares in
 * steps of 0.1) is measured on all sampled shoppers. The bandit's figure is its online CTR over the last 25%
 * of the rounds, and, less noisy, the CTR of its final policy replayed on every sampled shopper.
 * Prints rounds vs bandit CTR vs best fixed CTR and writes an SVG chart.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '@magpie/config';
import { TrainStatsPayload, type HistoryEntry, type Source } from '@magpie/contracts';
import { loadDataset, sequenceTimestamp, toSequences } from '@magpie/datasets';
import { createRandom } from '@magpie/math';
import {
  computeStats, cooccurrenceCandidates, DEFAULT_BLEND, fixedBlendClickThrough, frozenPolicyClickThrough, isTailItem, leaveOneOutSplit, multiLineChartSvg,
  popularCandidates, simplexGrid, simulateBandit, tailCandidates, ThompsonBlend, type BlendWeights, type Candidate, type SimulatedShopper,
  type StatsEvent, type StatsModel,
} from '@magpie/recommendation';

const SOURCES: Source[] = ['sequence', 'cooccurrence', 'longtail', 'popular'];
/** Candidates per source and shopper (the gateway's own limits: co-occurrence 200, popular 3 × page, long-tail 50). */
const FIRST = 10;

/** Directed next-item counts over the training sequences: the cheap sequence-model stand-in. */
function markovTransitions(train: readonly Int32Array[]): Map<number, Map<number, number>> {
  const next = new Map<number, Map<number, number>>();
  for (const sequence of train) {
    for (let p = 0; p + 1 < sequence.length; p++) {
      if (sequence[p] === sequence[p + 1]) continue;
      const row = next.get(sequence[p]) ?? new Map<number, number>();
      row.set(sequence[p + 1], (row.get(sequence[p + 1]) ?? 0) + 1);
      next.set(sequence[p], row);
    }
  }
  return next;
}

/** score(j) = Σ_{s=0..2} 0.5^s · P(j | h_{n−1−s}): the last items' transition probabilities, newest first. */
function markovCandidates(history: Int32Array, transitions: Map<number, Map<number, number>>, limit: number): Candidate[] {
  const scores = new Map<number, number>();
  for (let s = 0; s < 3 && s < history.length; s++) {
    const row = transitions.get(history[history.length - 1 - s]);
    if (!row) continue;
    let total = 0;
    for (const n of row.values()) total += n;
    for (const [j, n] of row) scores.set(j, (scores.get(j) ?? 0) + Math.pow(0.5, s) * (n / total));
  }
  return [...scores]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([productId, score]) => ({ productId, score, source: 'sequence' as const }));
}

const pct = (x: number) => `${(100 * x).toFixed(3)}%`;
const shareText = (w: BlendWeights) => {
  const total = SOURCES.reduce((s, k) => s + (w[k] ?? 0), 0);
  return SOURCES.map((s) => `${s.slice(0, 4)} ${((w[s] ?? 0) / total).toFixed(2)}`).join(' ');
};

async function main() {
  const { values } = parseArgs({
    options: {
      dataset: { type: 'string', default: 'amazon-beauty' },
      shoppers: { type: 'string', default: '4000' },
      rounds: { type: 'string', default: '150000' },
      seed: { type: 'string', default: '1' },
      sharpness: { type: 'string', default: '2,inf' },
      floor: { type: 'string', default: '0.05' },
      window: { type: 'string', default: '7500' },
      out: { type: 'string', default: 'tmp/blend-feedback.svg' },
    },
  });
  const config = loadConfig(process.env, { logLevel: 'warn' });
  const seed = Number(values.seed);
  const started = performance.now();
  const bundle = await loadDataset(values.dataset!, config.datasets.dir);
  const view = toSequences(bundle);
  const split = leaveOneOutSplit(view.sequences, view.items.length);

  // Statistics as the train-stats job computes them, over the training part only.
  const statsOptions = TrainStatsPayload.parse({});
  const events: StatsEvent[][] = split.train.map((sequence, u) =>
    Array.from(sequence, (productId, p) => ({ userId: u, productId, type: 'view' as const, ts: sequenceTimestamp(u, p) })),
  );
  const stats: StatsModel = await computeStats(events, statsOptions);
  const isTail = isTailItem(stats, 0.2);
  const transitions = markovTransitions(split.train);

  // Held-out shoppers (a seeded sample), each with every source's filtered candidates: on the test split
  // (history = all but the last item) for the runs, and the same shoppers one step earlier (validation).
  const order = createRandom(seed).shuffle(Array.from(split.test.users.keys()));
  const sample = order.slice(0, Math.min(Number(values.shoppers), order.length));
  const shopper = (history: Int32Array, target: number): SimulatedShopper => {
    const recent: HistoryEntry[] = Array.from(history.slice(-100), (productId, p) => ({ productId, type: 'view', ts: p }));
    const seen = new Set(history);
    const unseen = (c: Candidate) => !seen.has(c.productId);
    const candidates = [
      ...markovCandidates(history, transitions, 50).filter(unseen),
      ...cooccurrenceCandidates(recent, stats, { anchors: 10, limit: 200 }).filter(unseen),
      ...tailCandidates(recent, stats, isTail, { limit: 50, anchors: 10 }),
      ...popularCandidates(stats, FIRST * 3, (id) => !seen.has(id)),
    ];
    return { candidates, target };
  };
  const shoppers = sample.map((r) => shopper(split.test.histories[r], split.test.targets[r]));
  const validation = sample.map((r) => shopper(split.valid.histories[r], split.valid.targets[r]));
  const prepared = performance.now();

  // Every fixed blend on the simplex grid: the best on the test shoppers themselves (an optimistic oracle:
  // the maximum of 286 noisy estimates), and the best on validation measured on test (tuned the honest way).
  const blends = simplexGrid(SOURCES, 10);
  const grid = blends.map((weights) => ({ weights, ...fixedBlendClickThrough(shoppers, weights, FIRST) }));
  grid.sort((a, b) => b.ctr - a.ctr);
  const best = grid[0];
  const tuned = blends
    .map((weights) => ({ weights, ctr: fixedBlendClickThrough(validation, weights, FIRST).ctr }))
    .sort((a, b) => b.ctr - a.ctr)[0];
  const tunedOnTest = fixedBlendClickThrough(shoppers, tuned.weights, FIRST);
  const defaults = fixedBlendClickThrough(shoppers, DEFAULT_BLEND, FIRST);
  const searched = performance.now();

  const rounds = Number(values.rounds);
  const sharpnesses = values.sharpness!.split(',').map((v) => (v.trim() === 'inf' ? Number.POSITIVE_INFINITY : Number(v)));
  const runs = sharpnesses.map((sharpness) => {
    const bandit = new ThompsonBlend({ floorShare: Number(values.floor), sharpness });
    const run = simulateBandit(shoppers, { bandit, rounds, first: FIRST, seed, window: Number(values.window) });
    const frozen = frozenPolicyClickThrough(shoppers, bandit, run.counts, { first: FIRST, seed: seed + 1, passes: 3 });
    return { sharpness, run, frozen };
  });
  const simulated = performance.now();
  const [main] = runs;

  console.log(`dataset ${values.dataset}: ${split.test.users.length} held-out shoppers, ${shoppers.length} sampled (seed ${seed}); ${view.items.length} items`);
  console.log(`sources: sequence = first-order Markov stand-in, cooccurrence, longtail (tail neighbours), popular; page of ${FIRST}`);
  console.log(`bandit: Thompson sampling over per-source CTR, floor ${values.floor}, ${rounds} rounds`);
  console.log('');
  console.log('fixed blends (grid of 286, shares in steps of 0.1), best 5:');
  for (const g of grid.slice(0, 5)) console.log(`  ${shareText(g.weights)}  CTR ${pct(g.ctr)}  (${g.clicks} clicks / ${g.impressions})`);
  console.log(`  best on validation (${shareText(tuned.weights)}): CTR ${pct(tunedOnTest.ctr)} on test`);
  console.log(`  default blend (${shareText(DEFAULT_BLEND)})  CTR ${pct(defaults.ctr)}`);
  for (const s of SOURCES) {
    const only = grid.find((g) => g.weights[s] === 1)!;
    console.log(`  ${s} alone  CTR ${pct(only.ctr)}`);
  }
  console.log('');
  console.log(`rounds   bandit CTR (window, sharpness ${main.sharpness})   best fixed CTR   mean shares (window)`);
  for (const w of main.run.windows) {
    console.log(`${String(w.round).padStart(6)}   ${pct(w.ctr).padStart(10)}                         ${pct(best.ctr).padStart(8)}      ${shareText(w.shares)}`);
  }
  console.log('');
  console.log(`best fixed blend CTR: ${pct(best.ctr)} (${shareText(best.weights)}, the test oracle); tuned on validation: ${pct(tunedOnTest.ctr)}`);
  console.log('sharpness   CTR last 25% (online)   / best   final policy CTR   / best   final mean shares');
  for (const { sharpness, run, frozen } of runs) {
    const last = run.windows[run.windows.length - 1].shares;
    console.log(
      `${String(sharpness).padStart(9)}   ${pct(run.tail.ctr).padStart(8)} (${String(run.tail.clicks).padStart(4)} clicks)   ${(run.tail.ctr / best.ctr).toFixed(3)}` +
        `   ${pct(frozen.ctr).padStart(8)}           ${(frozen.ctr / best.ctr).toFixed(3)}    ${shareText(last)}`,
    );
  }
  const ratio = main.run.tail.ctr / best.ctr;
  console.log('');
  console.log(
    `sharpness ${main.sharpness}: bandit / best fixed = ${ratio.toFixed(3)} online (last 25%), ${(main.frozen.ctr / best.ctr).toFixed(3)} final policy` +
      ` → ${ratio >= 0.9 ? 'within' : 'NOT within'} 10% (online); bandit / validation-tuned fixed = ${(main.run.tail.ctr / tunedOnTest.ctr).toFixed(3)}`,
  );
  console.log(`per-source counts at the end: ${SOURCES.map((s) => `${s} ${main.run.counts[s]?.clicks ?? 0}/${main.run.counts[s]?.impressions ?? 0}`).join(', ')}`);
  console.log(`time: data + candidates ${((prepared - started) / 1000).toFixed(1)} s, grid ${((searched - prepared) / 1000).toFixed(1)} s, bandits ${((simulated - searched) / 1000).toFixed(1)} s`);

  const svg = multiLineChartSvg(
    [
      ...runs.map((r) => ({ name: `bandit, sharpness ${r.sharpness}`, points: r.run.windows.map((w) => ({ x: w.round, y: w.ctr })), markers: r === main })),
      { name: 'best fixed blend', points: main.run.windows.map((w) => ({ x: w.round, y: best.ctr })), markers: false },
      { name: 'default blend', points: main.run.windows.map((w) => ({ x: w.round, y: defaults.ctr })), markers: false },
    ],
    { title: `Blend bandit on ${values.dataset}: click-through per ${values.window} rounds`, xLabel: 'rounds', yLabel: 'CTR (clicks / impressions)', width: 720, height: 400 },
  );
  await mkdir(dirname(values.out!), { recursive: true });
  await writeFile(values.out!, svg);
  console.log(`chart: ${values.out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
