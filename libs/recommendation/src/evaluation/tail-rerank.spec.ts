import { createRandom, headItemMask, itemCounts, rankOf, tailShare } from '@magpie/math';
import { buildCandidatePools, buildCandidatePoolsFor } from './candidate-pools';
import { evaluateHeldOut } from './evaluate';
import type { HeldOut } from './leave-one-out-split';
import { bisectParameter, inversePopularityRerank, proposalBlendRerank, rerankMerged, rerankTop, standardiser, type CandidatePool } from './tail-rerank';
import { rerankMetrics } from './tail-variants';

const NUM_ITEMS = 60;

/** Deterministic pseudo-random scores per history (a function of its items), optionally popularity-biased. */
function scoresFor(history: Int32Array, salt: number, bias?: ArrayLike<number>): Float32Array {
  const random = createRandom(history.reduce((a, b) => a * 31 + b + 1, salt) >>> 0);
  return Float32Array.from({ length: NUM_ITEMS }, (_, i) => random.normal() + (bias ? 0.4 * Math.log1p(bias[i]) : 0));
}

function world(seed: number) {
  const random = createRandom(seed);
  // Popularity falls with the item index (item 0 most popular).
  const train = Array.from({ length: 200 }, () => Int32Array.from({ length: 2 + random.int(5) }, () => Math.min(NUM_ITEMS - 1, Math.floor(random.next() ** 2 * NUM_ITEMS))));
  const counts = itemCounts(train, NUM_ITEMS);
  const head = headItemMask(counts, 0.2);
  const heldOut: HeldOut = { users: Int32Array.from(train, (_, i) => i), histories: train, targets: Int32Array.from(train, () => random.int(NUM_ITEMS)) };
  const base = { scoreBatch: (hs: readonly Int32Array[]) => concat(hs.map((h) => scoresFor(h, 1, counts))) };
  const proposer = (hs: readonly Int32Array[]) => concat(hs.map((h) => Float32Array.from(scoresFor(h, 2), (v) => 1 / (1 + Math.exp(-v)))));
  return { counts, head, heldOut, base, proposer, popularity: { counts, head } };
}

const concat = (rows: Float32Array[]) => {
  const out = new Float32Array(rows.length * NUM_ITEMS);
  rows.forEach((row, r) => out.set(row, r * NUM_ITEMS));
  return out;
};

describe('tail re-ranks over candidate pools', () => {
  const w = world(3);
  const { pools } = buildCandidatePools(w.base, w.proposer, w.heldOut, NUM_ITEMS, w.head, { top: 20, proposals: 8 });

  it('builds the pools of several long-tail sources from one pass of base scores, each as built alone', () => {
    const other = (hs: readonly Int32Array[]) => concat(hs.map((h) => Float32Array.from(scoresFor(h, 5), (v) => 1 / (1 + Math.exp(-v)))));
    let baseCalls = 0;
    const counted = { scoreBatch: (hs: readonly Int32Array[]) => (baseCalls++, w.base.scoreBatch(hs)) };
    const options = { top: 20, proposals: 8, batchSize: 64 };
    const [first, second] = buildCandidatePoolsFor(counted, [w.proposer, other], w.heldOut, NUM_ITEMS, w.head, options);
    expect(baseCalls).toBe(Math.ceil(w.heldOut.targets.length / 64));
    expect(first).toEqual(buildCandidatePools(w.base, w.proposer, w.heldOut, NUM_ITEMS, w.head, options));
    expect(second).toEqual(buildCandidatePools(w.base, other, w.heldOut, NUM_ITEMS, w.head, options));
    expect(second.pools).not.toEqual(first.pools);
  });

  it('at strength 0 reproduce the base model’s full-catalogue evaluation exactly', () => {
    const direct = evaluateHeldOut({ name: 'base', fit: async () => { throw new Error('unused'); }, scoreBatch: w.base.scoreBatch }, w.heldOut, NUM_ITEMS, w.popularity, {
      ks: [5, 10], excludeHistory: false, batchSize: 64, headShare: 0.2,
    });
    const viaInvpop = rerankMetrics(pools, (p, beta, k) => inversePopularityRerank(p, w.counts, beta, k), 0, NUM_ITEMS, w.popularity, [5, 10]);
    const viaBlend = rerankMetrics(pools, (p, lambda, k) => proposalBlendRerank(p, lambda, k), 0, NUM_ITEMS, w.popularity, [5, 10]);
    expect(viaInvpop).toEqual(direct);
    expect(viaBlend).toEqual(direct);
    expect(direct['hr@10']).toBeGreaterThan(0);
  });

  it('ranks the held-out item exactly as re-ranking the whole catalogue would', () => {
    let lifted = 0;
    let outside = 0;
    w.heldOut.histories.forEach((history, u) => {
      const pool = pools[u];
      const row = w.base.scoreBatch([history]);
      expect(pool.targetRank).toBe(rankOf(row, pool.target));
      const standard = standardiser(pool);
      const at = new Map(Array.from(pool.items, (item, j) => [item, j]));
      const fullRank = (adjust: (item: number) => number) => {
        const order = Array.from({ length: NUM_ITEMS }, (_, i) => i).sort((a, b) => adjust(b) - adjust(a) || row[b] - row[a] || a - b);
        return { rank: order.indexOf(pool.target) + 1, list: order.slice(0, 10) };
      };
      // inverse popularity: the top list re-ranked, everything else after it in base order
      const beta = 0.7;
      const inTop = (i: number) => (at.get(i) ?? Infinity) < pool.top;
      const invpop = fullRank((i) => (inTop(i) ? 1e6 + standard(row[i]) - beta * Math.log1p(w.counts[i]) : standard(row[i])));
      expect(inversePopularityRerank(pool, w.counts, beta, 10)).toEqual(invpop);
      // blend: every item at ŝ, proposed ones lifted by λ·p
      for (const lambda of [0.5, 2, 6]) {
        const blend = fullRank((i) => standard(row[i]) + lambda * (pool.proposal[at.get(i) ?? -1] ?? 0));
        expect(proposalBlendRerank(pool, lambda, 10)).toEqual(blend);
      }
      if (pool.targetAbove.length > 0) lifted++;
      if (!at.has(pool.target)) outside++;
    });
    expect(lifted).toBeGreaterThan(5);
    expect(outside).toBeGreaterThan(10);
  });

  it('raise the tail share monotonically with their strength', () => {
    const share = (rerank: (p: CandidatePool, s: number) => number[], s: number) => tailShare(pools.map((p) => rerank(p, s)), w.head);
    const invpop = (p: CandidatePool, beta: number) => inversePopularityRerank(p, w.counts, beta, 10).list;
    const blend = (p: CandidatePool, lambda: number) => proposalBlendRerank(p, lambda, 10).list;
    for (const rerank of [invpop, blend]) {
      const curve = [0, 0.1, 0.3, 0.6, 1, 2, 4, 8].map((s) => share(rerank, s));
      for (let i = 1; i < curve.length; i++) expect(curve[i]).toBeGreaterThanOrEqual(curve[i - 1]);
      expect(curve[curve.length - 1]).toBeGreaterThan(curve[0] + 0.2);
    }
  });

  it('blend only brings in tail items the long-tail source proposed, never items the shopper had', () => {
    let inserted = 0;
    pools.forEach((pool, u) => {
      const before = new Set(proposalBlendRerank(pool, 0, 10).list);
      const proposed = new Set(Array.from(pool.items).filter((_, j) => pool.proposal[j] > 0));
      for (const item of proposalBlendRerank(pool, 3, 10).list) {
        if (before.has(item)) continue;
        inserted++;
        expect(proposed.has(item)).toBe(true);
        expect(w.head[item]).toBe(0);
        expect(w.heldOut.histories[u].includes(item)).toBe(false);
      }
    });
    expect(inserted).toBeGreaterThan(100);
  });

  it('proposal strengths are the source’s scores relative to the shopper’s best proposal', () => {
    const pool = pools[0];
    const strengths = Array.from(pool.proposal).filter((p) => p > 0);
    expect(strengths).toHaveLength(8);
    expect(Math.max(...strengths)).toBe(1);
    expect(Math.min(...strengths)).toBeGreaterThan(0);
  });

  it('ranks ties by base score, then by lower item index', () => {
    const pool: CandidatePool = {
      items: Int32Array.of(5, 3, 9), base: Float32Array.of(2, 1, 1), top: 3, proposal: new Float32Array(3), target: 9, targetBase: 1, targetRank: 3, targetAbove: new Float32Array(0),
    };
    expect(rerankTop(pool, [0, 0, 0], 3)).toEqual({ list: [5, 3, 9], rank: 3 });
    expect(rerankTop(pool, [0, 1, 1], 3)).toEqual({ list: [3, 9, 5], rank: 2 });
    expect(rerankMerged(pool, [0, 1, 1], 3)).toEqual({ list: [3, 9, 5], rank: 2 });
  });
});

describe('bisectParameter', () => {
  it('finds the smallest parameter that reaches the target of an increasing step function', () => {
    const f = (x: number) => Math.floor(x * 10) / 10;
    const p = bisectParameter(f, 0.3, 0, 1, 30);
    expect(f(p)).toBeGreaterThanOrEqual(0.3);
    expect(p).toBeCloseTo(0.3, 6);
    expect(f(p - 1e-6)).toBeLessThan(0.3);
  });

  it('returns the range ends when the target is already met or out of reach', () => {
    expect(bisectParameter((x) => x, -1, 0, 1)).toBe(0);
    expect(bisectParameter((x) => x, 2, 0, 1)).toBe(1);
  });
});
