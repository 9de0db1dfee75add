import { createRandom } from '@magpie/math';
import { leaveOneOutSplit, type Scorer } from '@magpie/recommendation';
import { tailStep, UNTRAINED_VARIANT, VARIANT_NAMES } from './eval-tail';

const NUM_ITEMS = 60;

/** Shoppers who walk popular items (low indices) more often; 4–8 items each. */
function sequences(users: number, seed: number): Int32Array[] {
  const random = createRandom(seed);
  return Array.from({ length: users }, () => Int32Array.from({ length: 4 + random.int(5) }, () => Math.floor(random.next() ** 2 * NUM_ITEMS)));
}

/** A base model: item popularity order plus per-history noise. */
const noisyPopularity: Scorer = {
  name: 'sasrec',
  fit: async () => ({ seconds: 0, epochs: 1, bestEpoch: 1, sequencesPerSecond: 0, backend: 'js', curve: [] }),
  scoreBatch: (histories) => {
    const out = new Float32Array(histories.length * NUM_ITEMS);
    histories.forEach((h, r) => {
      const random = createRandom(h.reduce((a, b) => a * 31 + b + 1, 7) >>> 0);
      for (let i = 0; i < NUM_ITEMS; i++) out[r * NUM_ITEMS + i] = -i / 10 + random.normal();
    });
    return out;
  },
};

/** A base model of dot products: item vectors with a popularity axis, a history's vector the mean of its items'. */
function dotProductScorer(seed: number): Scorer {
  const random = createRandom(seed);
  const dim = 4;
  const items = Float32Array.from({ length: NUM_ITEMS * dim }, (_, at) => (at % dim === 0 ? 1 - Math.floor(at / dim) / NUM_ITEMS : random.normal()));
  const users = (histories: readonly Int32Array[]) => {
    const out = new Float32Array(histories.length * dim);
    histories.forEach((h, r) => h.forEach((i) => { for (let d = 0; d < dim; d++) out[r * dim + d] += items[i * dim + d] / h.length; }));
    return out;
  };
  return {
    name: 'sasrec',
    fit: noisyPopularity.fit,
    scoreBatch: (histories) => {
      const u = users(histories);
      const out = new Float32Array(histories.length * NUM_ITEMS);
      for (let r = 0; r < histories.length; r++) for (let i = 0; i < NUM_ITEMS; i++) for (let d = 0; d < dim; d++) out[r * NUM_ITEMS + i] += u[r * dim + d] * items[i * dim + d];
      return out;
    },
    vectors: () => ({ dim, items, users }),
  };
}

describe('tailStep', () => {
  beforeAll(async () => {
    // TensorFlow.js is loaded lazily by the CLI (and so here)
    const { initCompute } = await import('@magpie/ml');
    await initCompute({ backend: 'wasm' });
  });

  it('trains CFGAN on interaction vectors with early stopping on validation and calibrates both re-ranks to the base tail share + --tail-gain', async () => {
    const split = leaveOneOutSplit(sequences(300, 1), NUM_ITEMS);
    const gan = { epochs: 4, patience: 10, hidden: 8, batchSize: 32, lr: 0.01, condition: 'interactions' as const, noise: 0 };
    const small = await tailStep(noisyPopularity, split, { ...gan, tailGain: 0.05 }, { excludeHistory: false, seed: 3 });
    const large = await tailStep(noisyPopularity, split, { ...gan, tailGain: 0.15 }, { excludeHistory: false, seed: 3 });
    expect(small.variants.map((v) => v.name)).toEqual([VARIANT_NAMES.base, VARIANT_NAMES.invpop, VARIANT_NAMES.blend]);
    const baseTail = small.variants[0].valid['tailShare@10'];
    expect(large.variants[0].valid['tailShare@10']).toBe(baseTail);
    expect(small.targetTailShare).toBeCloseTo(baseTail + 0.05, 10);
    expect(large.targetTailShare).toBeCloseTo(baseTail + 0.15, 10);
    for (const report of [small, large]) {
      for (const v of report.variants.slice(1)) expect(v.valid['tailShare@10']).toBeGreaterThanOrEqual(report.targetTailShare);
      expect(report.gan.epochs).toHaveLength(4);
      expect(report.gan.bestEpoch).toBe(report.gan.epochs.reduce((b, e) => (e.validNdcg10 > b.validNdcg10 ? e : b)).epoch);
      expect(report.gan.valid['ndcg@10']).toBeGreaterThanOrEqual(0);
      expect(report.gan.popularityValid['hr@10']).toBeGreaterThan(0);
      expect(report.pools).toMatchObject({ top: 100, proposals: 50 });
    }
  }, 120_000);

  it('conditions the generator on the sequence model’s user vectors and reports the untrained generator beside it', async () => {
    const split = leaveOneOutSplit(sequences(300, 1), NUM_ITEMS);
    const gan = { epochs: 3, patience: 10, hidden: 8, batchSize: 32, lr: 0.01, tailGain: 0.05, condition: 'sequence' as const, noise: 4 };
    const report = await tailStep(dotProductScorer(5), split, gan, { excludeHistory: false, seed: 3 });
    expect(report.variants.map((v) => v.name)).toEqual([VARIANT_NAMES.base, VARIANT_NAMES.invpop, VARIANT_NAMES.blend, UNTRAINED_VARIANT]);
    for (const v of report.variants.slice(1)) expect(v.valid['tailShare@10']).toBeGreaterThanOrEqual(report.targetTailShare);
    expect(report.gan.config).toMatchObject({ condition: 'sequence', hidden: 8 });
    expect(report.gan.epochs).toHaveLength(3);
    expect(report.gan.untrainedValidNdcg10).toBeGreaterThan(0);
    await expect(tailStep(noisyPopularity, split, gan, { excludeHistory: false, seed: 3 })).rejects.toThrow(/needs a model with user and item vectors/);
  }, 120_000);
});
