import { createRandom, headItemMask, itemCounts } from '@magpie/math';
import type { CandidatePool } from './tail-rerank';
import { tailVariants } from './tail-variants';

const NUM_ITEMS = 80;

/**
 * Synthetic pools: base scores favour popular items; the held-out item is a tail item for a third of
 * the shoppers; the long-tail source proposes 6 tail items, the held-out one among them when `oracle`.
 */
function stage(seed: number, counts: Float64Array, head: Uint8Array, oracle: boolean): CandidatePool[] {
  const random = createRandom(seed);
  const tail = Array.from({ length: NUM_ITEMS }, (_, i) => i).filter((i) => head[i] === 0);
  return Array.from({ length: 300 }, () => {
    const scores = Array.from({ length: NUM_ITEMS }, (_, i) => random.normal() + 0.5 * Math.log1p(counts[i]));
    const order = Array.from({ length: NUM_ITEMS }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
    const top = order.slice(0, 30);
    const target = random.next() < 1 / 3 ? tail[random.int(tail.length)] : order[random.int(40)];
    const proposals = random.shuffle(tail.filter((i) => i !== target)).slice(0, oracle && head[target] === 0 ? 5 : 6);
    if (oracle && head[target] === 0) proposals.unshift(target);
    const items = [...top, ...proposals.filter((i) => !top.includes(i))];
    const proposal = items.map((i) => (proposals.includes(i) ? 1 - proposals.indexOf(i) / 10 : 0));
    const targetAbove = items.indexOf(target) >= top.length ? Float32Array.from(order.slice(0, order.indexOf(target)).filter((i) => !items.includes(i)).map((i) => scores[i])) : new Float32Array(0);
    return {
      items: Int32Array.from(items), base: Float32Array.from(items, (i) => scores[i]), top: top.length, proposal: Float32Array.from(proposal),
      target, targetBase: scores[target], targetRank: order.indexOf(target) + 1, targetAbove,
    };
  });
}

describe('tailVariants', () => {
  const counts = itemCounts([Int32Array.from({ length: 2000 }, (_, n) => Math.floor(((n * 7919) % 1000) ** 2 / 1000 ** 2 * NUM_ITEMS))], NUM_ITEMS);
  const head = headItemMask(counts, 0.2);
  const popularity = { counts, head };
  const names = { base: 'base', invpop: 'base+invpop', blend: 'base+gan' };

  it('calibrates both re-ranks on validation to the base tail share + the gain, and reports the test stage at that strength', () => {
    const report = tailVariants({ valid: stage(1, counts, head, false), test: stage(2, counts, head, false) }, counts, NUM_ITEMS, popularity, names, { tailShareGain: 0.1 });
    const [base, invpop, gan] = report.variants;
    expect(report.variants.map((v) => v.name)).toEqual(['base', 'base+invpop', 'base+gan']);
    expect(report.targetTailShare).toBeCloseTo(base.valid['tailShare@10'] + 0.1, 10);
    for (const v of [invpop, gan]) {
      expect(v.parameter.value).toBeGreaterThan(0);
      expect(v.valid['tailShare@10']).toBeGreaterThanOrEqual(report.targetTailShare);
      // the smallest strength: one slot per shopper at most above the target (300 shoppers × 10 slots)
      expect(v.valid['tailShare@10']).toBeLessThan(report.targetTailShare + 0.01);
      expect(v.test['tailShare@10']).toBeGreaterThan(base.test['tailShare@10'] + 0.05);
    }
    expect(invpop.parameter.name).toBe('beta');
    expect(gan.parameter.name).toBe('lambda');
  });

  it('shows a long-tail source that proposes the held-out tail items beating the popularity re-rank at the same tail share', () => {
    const report = tailVariants({ valid: stage(1, counts, head, true), test: stage(2, counts, head, true) }, counts, NUM_ITEMS, popularity, names, { tailShareGain: 0.1 });
    const [base, invpop, gan] = report.variants;
    expect(gan.test['ndcg@10']).toBeGreaterThan(invpop.test['ndcg@10']);
    expect(gan.test['ndcg@10']).toBeGreaterThan(base.test['ndcg@10']);
  });
});
