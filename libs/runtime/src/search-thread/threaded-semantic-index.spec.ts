import type { ContentItem } from '@magpie/ml';
import { ExactVectorIndex, type VectorMatches, type VectorSet } from '@magpie/retrieval';
import { LocalSemanticIndex } from '@magpie/search';
import { ThreadedSemanticIndex } from './threaded-semantic-index';

// The serving thread loads the same encoder bytes on its own TensorFlow.js instance: it must find what the
// index in this thread finds, for queries and for vectors, before and after a rebuild and a restart.
let ml: typeof import('@magpie/ml');
let bytes: Uint8Array;
let encoder: import('@magpie/ml').ContentEncoder;
let set: VectorSet;
let threaded: ThreadedSemanticIndex;
const warnings: string[] = [];

const kinds = ['drill', 'hammer', 'faucet', 'shower', 'lamp', 'saw'];
const brands = ['acme', 'bolt', 'crest'];
const items: ContentItem[] = kinds.flatMap((kind, k) => brands.map((brand, b) => ({ key: k * 3 + b + 1, tokens: [brand, kind], attributes: [`brand:${brand}`] })));
const queries = [['acme', 'drill'], ['shower'], ['crest', 'lamp', 'saw']];

beforeAll(async () => {
  ml = await import('@magpie/ml');
  await ml.initCompute({ backend: 'wasm' });
  const pairs = items.map((item) => ({ query: [item.tokens[1]], key: item.key, weight: 1 }));
  ({ encoder } = await ml.fitContentEncoder({ items, pairs, options: { epochs: 2, batchSize: 8, minWordCount: 1, seed: 1 } }));
  bytes = await ml.saveContentEncoder(encoder);
  set = { vectors: encoder.encodeItems(items), keys: Int32Array.from(items, (i) => i.key), dimensions: encoder.dimensions };
  threaded = await ThreadedSemanticIndex.start(bytes, { backend: 'wasm', annThreshold: 1000, warn: (m) => warnings.push(m) });
}, 120_000);

afterAll(() => {
  threaded?.dispose();
  encoder?.dispose();
});

const local = (vectors: VectorSet) => {
  const index = new LocalSemanticIndex(encoder, (s) => new ExactVectorIndex(s));
  index.rebuild(vectors);
  return index;
};

const same = (a: VectorMatches[], b: VectorMatches[]) => {
  expect(b.map((m) => Array.from(m.keys))).toEqual(a.map((m) => Array.from(m.keys)));
  a.forEach((m, q) => m.scores.forEach((s, i) => expect(b[q].scores[i]).toBeCloseTo(s, 4)));
};

describe('ThreadedSemanticIndex', () => {
  it('finds nothing before its first vectors, then what the index in this thread finds, for queries and for a vector', async () => {
    expect((await threaded.searchQueries(queries, 5)).map((m) => m.keys.length)).toEqual([0, 0, 0]);
    threaded.rebuild(set);
    const here = local(set);
    same(here.searchQueries(queries, 5), await threaded.searchQueries(queries, 5));
    const vector = set.vectors.subarray(0, set.dimensions);
    same([here.searchVector(vector, 4)], [await threaded.searchVector(vector, 4)]);
    expect(threaded.description).toBe('wasm in a serving thread');
  });

  it('searches the vectors of the last rebuild (calls are answered in order), also after the thread died and restarted', async () => {
    const fewer: VectorSet = { vectors: set.vectors.slice(0, 6 * set.dimensions), keys: set.keys.slice(0, 6), dimensions: set.dimensions };
    threaded.rebuild(fewer);
    const found = await threaded.searchQueries(queries, 10);
    same(local(fewer).searchQueries(queries, 10), found);
    expect(found.every((m) => Array.from(m.keys).every((key) => key <= 6))).toBe(true);
    const live = (threaded as unknown as { thread: { current: { terminate(): Promise<number> } } }).thread.current;
    const inFlight = threaded.searchQueries(queries, 3);
    await live.terminate();
    await expect(inFlight).rejects.toThrow(/search serving thread exited/);
    expect(warnings.join('\n')).toMatch(/restarts on the next request/);
    same(local(fewer).searchQueries(queries, 10), await threaded.searchQueries(queries, 10));
  }, 60_000);

  it('refuses encoder bytes that are not a model, without leaving a thread behind', async () => {
    await expect(ThreadedSemanticIndex.start(new Uint8Array(16), { backend: 'wasm', annThreshold: 1000 })).rejects.toThrow(/search serving thread/);
  }, 60_000);
});
