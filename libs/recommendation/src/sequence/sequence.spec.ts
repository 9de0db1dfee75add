import type { HistoryEntry } from '@magpie/contracts';
import { ExactVectorIndex } from '@magpie/retrieval';
import type { TrainingEvent } from '@magpie/data';
import { FakeSequenceEncoder, fakeFitSequenceModel, loadFakeSequenceModel } from '../testing/fake-sequence-model';
import { sequenceCandidates } from '../pipeline/sequence-candidates';
import { anchorOf } from '../pipeline/candidate';
import { buildSequenceDataset } from './build-sequences';
import { ItemVocabulary } from './item-vocabulary';
import { decodeSequenceArtifact, encodeSequenceArtifact } from './sequence-artifact';
import { SequenceServing, type SequenceRanking } from './sequence-serving';

const ev = (userId: number, productId: number, type: TrainingEvent['type'] = 'view', ts = 0): TrainingEvent => ({ userId, productId, type, ts });
async function* pages(...p: TrainingEvent[][]) { for (const page of p) yield page; }
/** A ranking as plain data (its lazy anchorOf read for every proposal), to compare rankings. */
const plain = (r: SequenceRanking | null) => r && { ...r, anchorOf: Array.from(r.productIds, (_, i) => r.anchorOf(i)) };
const viewed = (productId: number): HistoryEntry => ({ productId, type: 'view', ts: 0 });

describe('ItemVocabulary', () => {
  const vocabulary = ItemVocabulary.fromProductIds([30, 10, 20, 10]);

  it('maps product ids to 1..N in ascending id order and back', () => {
    expect(vocabulary.size).toBe(3);
    expect([10, 20, 30].map((id) => vocabulary.index(id))).toEqual([1, 2, 3]);
    expect(vocabulary.product(3)).toBe(30);
    expect(vocabulary.product(0)).toBeUndefined();
  });

  it('reads interest events only, collapses repeats, skips unknown products and keeps the newest maxLen', () => {
    const h = vocabulary.encode(
      [viewed(10), { productId: 10, type: 'cart', ts: 0 }, viewed(99), { productId: 20, type: 'dislike', ts: 0 }, viewed(20), viewed(30), viewed(10)],
      3,
    );
    expect(Array.from(h.indices)).toEqual([2, 3, 1]);
    expect(Array.from(h.productIds)).toEqual([20, 30, 10]);
  });
});

describe('buildSequenceDataset', () => {
  it('splits leave-one-out per shopper across pages, skipping dislikes and one-item shoppers', async () => {
    const data = await buildSequenceDataset(
      pages([ev(1, 10), ev(1, 20), ev(1, 30, 'dislike'), ev(1, 30)], [ev(1, 40), ev(2, 10), ev(2, 20), ev(3, 50)]),
      { maxLen: 2 },
    );
    expect(Array.from(data.vocabulary.productIds)).toEqual([10, 20, 30, 40, 50]);
    expect(data.train.numItems).toBe(5);
    // shopper 1: 10 20 30 | 40 → train/valid history keep the newest 2 of [10 20 30]; shopper 2 trains on both items
    expect(data.train.sequences.map((s) => Array.from(s))).toEqual([[2, 3], [1, 2]]);
    expect(data.valid.histories.map((s) => Array.from(s))).toEqual([[2, 3]]);
    expect(Array.from(data.valid.targets)).toEqual([4]);
    expect(data.shoppers).toBe(2);
  });
});

describe('sequence artifact', () => {
  it('round-trips the model bytes, the vocabulary and the config exactly', () => {
    const model = Uint8Array.from({ length: 37 }, (_, i) => (i * 7) % 256);
    const bytes = encodeSequenceArtifact({ model, vocabulary: new ItemVocabulary(Int32Array.of(5, 9, 2)), config: { kind: 'sasrec', dim: 8 } });
    const back = decodeSequenceArtifact(bytes);
    expect(back.model).toEqual(model);
    expect(Array.from(back.vocabulary.productIds)).toEqual([5, 9, 2]);
    expect(back.config).toEqual({ kind: 'sasrec', dim: 8 });
    expect(() => decodeSequenceArtifact(new Uint8Array(20))).toThrow(/not a Magpie sequence-model artifact/);
  });
});

describe('SequenceServing', () => {
  // Two chains of items that follow one another: 1→2→3→4→5 and 6→7→8→9→10 (product id = 100 + index).
  const chains = [[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]];
  const vocabulary = new ItemVocabulary(Int32Array.from({ length: 10 }, (_, i) => 101 + i));
  let encoder: FakeSequenceEncoder;

  beforeAll(async () => {
    const sequences = Array.from({ length: 20 }, (_, i) => Int32Array.from(chains[i % 2]));
    const fit = await fakeFitSequenceModel({ numItems: 10, sequences }, null, { kind: 'sasrec', numItems: 10, dim: 8, maxLen: 5 }, { epochs: 4 });
    encoder = fit.model as FakeSequenceEncoder;
  });

  /** Serving over a copy of the fitted fake model; `model` and the exact `index` it built are exposed for spying. */
  const setup = (annThreshold = 1000) => {
    const model = new FakeSequenceEncoder(encoder.config, encoder.itemEmbeddings());
    let index: ExactVectorIndex | null = null;
    const s = SequenceServing.create(model, vocabulary, { annThreshold, candidates: 4, exactIndex: (set) => (index = new ExactVectorIndex(set)) });
    return { s, model, index: () => index as ExactVectorIndex };
  };
  const serving = (annThreshold = 1000) => setup(annThreshold).s;

  it('ranks items of the chain the history is in, never the history itself, and changes as the history changes', async () => {
    const s = serving();
    const first = await s.rank([viewed(101), viewed(102)]);
    expect(Array.from(first!.productIds)).not.toContain(101);
    expect(Array.from(first!.productIds)).not.toContain(102);
    expect([103, 104, 105]).toContain(first!.productIds[0]);
    expect(first!.scores[0]).toBeLessThanOrEqual(1);
    const next = await s.rank([viewed(101), viewed(102), viewed(107)]);
    expect([106, 108, 109, 110]).toContain(next!.productIds[0]);
    expect(next!.anchors[0].productId).toBe(107);
  });

  it('scores any products for a history (search personalisation): its own chain above the other, NaN for unknown ones', async () => {
    const s = serving();
    const affinities = await s.affinities([viewed(101), viewed(102)], [103, 108, 999]);
    expect(affinities![0]).toBeGreaterThan(affinities![1]);
    expect(affinities![2]).toBeNaN();
    expect(await s.affinities([viewed(999)], [101])).toBeNull();
  });

  it('ignores products the model does not know, and gives null when it knows none', async () => {
    const s = serving();
    expect(await s.rank([viewed(999)])).toBeNull();
    const withUnknown = await s.rank([viewed(101), viewed(999), viewed(102)]);
    const without = await s.rank([viewed(101), viewed(102)]);
    expect(plain(withUnknown)).toEqual(plain(without));
  });

  it('encodes and scores concurrent requests of one tick together and remembers rankings per history', async () => {
    const { s, model, index } = setup();
    const explain = jest.spyOn(model, 'explainExtending');
    const search = jest.spyOn(index(), 'search');
    const results = await Promise.all([[101], [101, 102], [106], [101, 102], [103]].map((ids) => s.rank(ids.map(viewed))));
    expect(search).toHaveBeenCalledTimes(1);
    expect(search.mock.calls[0][0]).toHaveLength(4 * 8); // distinct histories only
    expect(explain).toHaveBeenCalledTimes(1); // one forward pass: vectors and reasons of the distinct histories
    expect(explain.mock.calls[0][0]).toHaveLength(4);
    expect(plain(results[1])).toEqual(plain(results[3]));
    await s.rank([viewed(101), viewed(102)]);
    expect(search).toHaveBeenCalledTimes(1);
  });

  it("encodes a history one event longer from the remembered state of the shopper's previous history", async () => {
    const { s, model } = setup();
    const explain = jest.spyOn(model, 'explainExtending');
    await s.rank([viewed(101), viewed(102)]);
    const previous = explain.mock.results[0].value[0].state;
    expect(explain.mock.calls[0][1]).toEqual([null]); // [101] was never encoded
    const extended = await s.rank([viewed(101), viewed(102), viewed(103)]);
    expect(explain.mock.calls[1][1][0]).toBe(previous);
    expect(plain(extended)).toEqual(plain(await serving().rank([viewed(101), viewed(102), viewed(103)])));
    await s.rank([viewed(102), viewed(103)]); // not an extension of anything encoded: no state
    expect(explain.mock.calls[2][1]).toEqual([null]);
  });

  it('serves an encoder without incremental encoding through explainMany', async () => {
    const { s, model } = setup();
    Object.defineProperty(model, 'explainExtending', { value: undefined });
    const explainMany = jest.spyOn(model, 'explainMany');
    expect(plain(await s.rank([viewed(101), viewed(102)]))).toEqual(plain(await serving().rank([viewed(101), viewed(102)])));
    expect(explainMany).toHaveBeenCalledTimes(1);
  });

  it('uses the HNSW index from the ANN threshold on, with the same answer on a tiny catalogue', async () => {
    const exact = serving(1000);
    const ann = serving(5);
    expect(exact.scoring.description).toBe('exact');
    expect(ann.scoring.description).toBe('hnsw');
    const h = [viewed(106), viewed(107)];
    const top3 = async (s: SequenceServing) => Array.from((await s.rank(h))!.productIds).slice(0, 3).sort();
    expect(await top3(ann)).toEqual(await top3(exact));
  });

  it('explains each proposal by the history item that weighed in and resembles it most', async () => {
    const { s, model } = setup();
    const history = [viewed(101), viewed(106)];
    const ranking = (await s.rank(history))!;
    expect(ranking.anchors.map((a) => a.productId)).toEqual([106, 101]);
    const candidates = sequenceCandidates(ranking);
    const d = model.config.dim;
    const e = model.itemEmbeddings();
    const unit = (k: number) => {
      const v = e.subarray(k * d, (k + 1) * d);
      const n = Math.hypot(...v);
      return Array.from(v, (x) => x / n);
    };
    const { indices } = s.vocabulary.encode(history, 50);
    const { weights } = model.explain(indices);
    candidates.forEach((c, i) => {
      expect(c.source).toBe('sequence');
      const item = unit(s.vocabulary.encode([viewed(c.productId)], 50).indices[0]);
      const scored = Array.from(indices, (k, p) => ({ p, score: (weights[p] + 1 / indices.length) * unit(k).reduce((a, x, j) => a + x * item[j], 0) }));
      const best = scored.reduce((a, b) => (b.score > a.score ? b : a));
      expect(anchorOf(c)).toBe(best.score > 0 ? [101, 106][best.p] : 106);
      expect(ranking.anchorOf(i)).toBe(anchorOf(c));
    });
  });

  it('loads a saved fake model back exactly', async () => {
    const again = await loadFakeSequenceModel(await encoder.save());
    expect(again.config).toEqual(encoder.config);
    expect(again.itemEmbeddings()).toEqual(encoder.itemEmbeddings());
  });
});
