import { ExactVectorIndex } from '@magpie/retrieval';
import type { ContentItem } from '@magpie/ml';
import { createAnalyzer } from '../analyzer';
import { SearchEngine } from './search-engine';
import { LocalSemanticIndex, type QueryProductEncoder } from './semantic-index';
import { SemanticRetriever } from './semantic-retriever';
import { makeProduct } from './test-products';

/** A fake encoder in 2-D: "tool" words point along x, "bath" words along y. */
const direction = (tokens: readonly string[]): [number, number] => {
  const x = tokens.filter((t) => ['drill', 'saw', 'tool'].includes(t)).length;
  const y = tokens.filter((t) => ['faucet', 'shower', 'bath'].includes(t)).length;
  const n = Math.hypot(x, y) || 1;
  return [x / n, y / n];
};
const calls = { items: 0, queries: 0 };
const encoder: QueryProductEncoder = {
  dimensions: 2,
  encodeQueries: (texts) => {
    calls.queries++;
    return Float32Array.from(texts.flatMap(direction));
  },
  encodeItems: (items: readonly ContentItem[]) => {
    calls.items++;
    return Float32Array.from(items.flatMap((i) => direction(i.tokens)));
  },
};

const products = [makeProduct(1, 'Cordless drill', { price: 99 }), makeProduct(2, 'Shower head', { price: 20 }), makeProduct(3, 'Mitre saw', { price: 150 })];

describe('SemanticRetriever', () => {
  const create = () => new SemanticRetriever({ encoder, analyzer: createAnalyzer(), index: new LocalSemanticIndex(encoder, (set) => new ExactVectorIndex(set)) });

  it('finds products by meaning, not words, and encodes queued products in one batch', async () => {
    const retriever = create();
    calls.items = 0;
    const engine = new SearchEngine({ keyword: false, retrievers: [retriever] });
    await engine.indexAll(products);
    const result = await engine.search({ query: 'tool', first: 2 });
    expect(result.hits.map((h) => h.product.id).sort()).toEqual([1, 3]);
    expect(result.hits[0].retrievedBy).toEqual(['semantic']);
    expect(calls.items).toBe(1);
  });

  it('applies filters (over-fetching) and forgets removed products', async () => {
    const retriever = create();
    const engine = new SearchEngine({ keyword: false, retrievers: [retriever] });
    await engine.indexAll(products);
    expect((await engine.search({ query: 'tool', first: 2, filter: { priceMax: 100 } })).hits.map((h) => h.product.id)).toEqual([1]);
    await engine.remove(1);
    expect((await engine.search({ query: 'tool', first: 1 })).hits.map((h) => h.product.id)).toEqual([3]);
  });

  it('finds a product’s nearest products by vector, itself left out', async () => {
    const retriever = create();
    await new SearchEngine({ keyword: false, retrievers: [retriever] }).indexAll(products);
    expect((await retriever.neighbours(1, 1)).map((n) => n.productId)).toEqual([3]);
    expect(await retriever.neighbours(42, 3)).toEqual([]);
  });

  it('is shared by two engines without encoding the same products twice', async () => {
    const retriever = create();
    calls.items = 0;
    const a = new SearchEngine({ keyword: false, retrievers: [retriever] });
    const b = new SearchEngine({ retrievers: [retriever] });
    await a.indexAll(products);
    await a.search({ query: 'bath', first: 1 });
    await b.indexAll(products);
    const hybrid = await b.search({ query: 'bath shower', first: 3 });
    expect(hybrid.hits[0].product.id).toBe(2);
    expect(hybrid.hits[0].retrievedBy).toEqual(['keyword', 'semantic']);
    expect(calls.items).toBe(1);
  });

  it('encodes and scores concurrent searches together, each with its own limit and filter', async () => {
    const retriever = create();
    await new SearchEngine({ keyword: false, retrievers: [retriever] }).indexAll(products);
    retriever.flush();
    calls.queries = 0;
    const [tools, cheapTools, bath, blank] = await Promise.all([
      retriever.retrieve({ text: 'tool', terms: ['tool'] }, { limit: 2 }),
      retriever.retrieve({ text: 'tool', terms: ['tool'] }, { limit: 2, filter: (id) => id !== 3 }),
      retriever.retrieve({ text: 'bath', terms: ['bath'] }, { limit: 1 }),
      retriever.retrieve({ text: '', terms: [] }, { limit: 3 }),
    ]);
    expect(calls.queries).toBe(1);
    expect(tools.items.map((i) => i.productId).sort()).toEqual([1, 3]);
    expect(cheapTools.items.map((i) => i.productId)).toEqual([1]);
    expect(bath.items.map((i) => i.productId)).toEqual([2]);
    expect(blank.items).toEqual([]);
  });
});
