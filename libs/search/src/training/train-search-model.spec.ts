import { initCompute } from '@magpie/ml';
import { ExactVectorIndex } from '@magpie/retrieval';
import { createHybridSearch } from '../engine/hybrid-search';
import { LocalSemanticIndex } from '../engine/semantic-index';
import { makeProduct } from '../engine/test-products';
import { trainSearchModel } from './train-search-model';

const kinds = ['drill', 'hammer', 'faucet', 'shower', 'lamp', 'paint', 'ladder', 'saw'];
const brands = ['Acme', 'Bolt', 'Crest', 'Delta', 'Echo'];
const products = kinds.flatMap((kind, k) => brands.map((brand, b) => makeProduct(k * brands.length + b + 1, `${brand} ${kind} model ${k}${b}`)));
// Shoppers' words that titles lack: "tool" for drills and saws, "bath" for faucets and showers, "light" for lamps.
const synonyms: Record<string, string> = { drill: 'tool', saw: 'tool', faucet: 'bath', shower: 'bath', lamp: 'light' };
const judgments = products.flatMap((p) => {
  const [brand, kind] = p.title.split(' ');
  const word = synonyms[kind];
  return word ? [{ query: `${word} ${brand.toLowerCase()}`, productId: p.externalId, relevance: 3 }, { query: `${brand.toLowerCase()} ${word}s`, productId: p.externalId, relevance: 2.5 }] : [];
});

describe('trainSearchModel', () => {
  beforeAll(async () => {
    await initCompute({ backend: 'wasm' });
  });

  it('trains the encoder on most queries and the fusion on the held-out rest, and the hybrid engine serves both retrievers', async () => {
    const epochs: number[] = [];
    const model = await trainSearchModel({
      products, judgments, createIndex: (set) => new ExactVectorIndex(set),
      encoder: { epochs: 3, batchSize: 16, learningRate: 0.01, minWordCount: 1 }, fusionShare: 0.3, candidates: 20,
      onEpoch: (e) => epochs.push(e.epoch),
    });
    expect(epochs).toEqual([1, 2, 3]);
    expect(model.queries.encoder + model.queries.fusion).toBe(new Set(judgments.map((j) => j.query)).size);
    expect(model.queries.fusion).toBeGreaterThan(0);
    expect(model.fusion?.weights).toHaveLength(model.fusion?.features.length ?? -1);
    // Served with what all training queries said of the products: every judged product is engaged.
    expect(new Set(model.fusion?.engagement?.map(([externalId]) => externalId))).toEqual(new Set(judgments.map((j) => j.productId)));
    expect(model.heldOutNdcg).toBeGreaterThanOrEqual(0);
    expect(model.heldOutNdcg).toBeLessThanOrEqual(1);
    const { engine, semantic } = createHybridSearch({ encoder: model.encoder, fusion: model.fusion, index: new LocalSemanticIndex(model.encoder, (set) => new ExactVectorIndex(set)) });
    await engine.indexAll(products);
    const result = await engine.search({ query: 'bath crest', first: 5 });
    expect(result.hits.some((h) => h.retrievedBy.includes('semantic'))).toBe(true);
    expect(result.hits.some((h) => h.retrievedBy.includes('keyword'))).toBe(true);
    semantic.dispose();
    model.encoder.dispose();
  }, 60_000);
});
