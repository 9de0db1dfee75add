import { startGateway, type GatewayServices, type RunningGateway } from '@magpie/api';
import { loadConfig } from '@magpie/config';
import { CHINESE_TEST_CATALOGUE, QueryLog, SearchEngine } from '@magpie/search';
import { SearchService } from './search-service';

const APP_KEY = 'app-key-search-0001';

/** Services for a gateway that only searches: any other call fails the test. */
function searchOnly(search: SearchService): GatewayServices {
  const unexpected = new Proxy(
    {},
    {
      get: (_target, name) => async () => {
        throw new Error(`unexpected call to ${String(name)}`);
      },
    },
  );
  return {
    catalog: unexpected as GatewayServices['catalog'],
    events: unexpected as GatewayServices['events'],
    recommendation: unexpected as GatewayServices['recommendation'],
    search,
    jobs: unexpected as GatewayServices['jobs'],
    models: unexpected as GatewayServices['models'],
    privacy: unexpected as GatewayServices['privacy'],
    feedback: unexpected as GatewayServices['feedback'],
    health: unexpected as GatewayServices['health'],
  };
}

interface Body<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

describe('SearchService', () => {
  let engine: SearchEngine;

  beforeAll(async () => {
    engine = new SearchEngine();
    await engine.indexAll(CHINESE_TEST_CATALOGUE);
  });

  it('counts queries that found products and suggests them once two shoppers issued them', async () => {
    const service = new SearchService(engine);
    await service.search({ query: '蓝牙耳机 sony', userId: 'alice', first: 5 });
    await service.search({ query: '蓝牙耳机 sony', userId: 'alice', first: 5 });
    expect(await service.suggest({ prefix: '蓝牙耳', first: 5 })).toEqual(['蓝牙耳机', '蓝牙耳塞']);
    await service.search({ query: '蓝牙耳机 Sony', userId: 'bob', first: 5 });
    expect(await service.suggest({ prefix: '蓝牙耳', first: 5 })).toEqual(['蓝牙耳机 sony', '蓝牙耳机', '蓝牙耳塞']);
  });

  it('re-orders hits for a shopper by the sequence model’s affinity, and leaves anonymous searches alone', async () => {
    const plain = await new SearchService(engine).search({ query: '手机', first: 5 });
    expect(plain.hits.length).toBeGreaterThanOrEqual(3);
    const favourite = plain.hits[plain.hits.length - 1].product.id;
    const asked: string[] = [];
    const service = new SearchService(engine, new QueryLog(), async (user, ids) => {
      asked.push(user);
      return Float32Array.from(ids, (id) => (id === favourite ? 10 : 0));
    });
    const personal = await service.search({ query: '手机', userId: 'fan', first: 5 });
    expect(asked).toEqual(['fan']);
    expect(personal.hits).toHaveLength(plain.hits.length);
    expect(personal.hits.findIndex((h) => h.product.id === favourite)).toBeLessThan(plain.hits.length - 1);
    expect(personal.total).toBe(plain.total);
    expect((await service.search({ query: '手机', first: 5 })).hits.map((h) => h.product.id)).toEqual(plain.hits.map((h) => h.product.id));
    expect(asked).toEqual(['fan']);
  });

  it('does not count queries that found nothing', async () => {
    const service = new SearchService(engine);
    for (const userId of ['a', 'b', 'c']) await service.search({ query: '火箭发射器', userId, first: 5 });
    expect(await service.suggest({ prefix: '火箭', first: 5 })).toEqual([]);
  });

  it('keeps title completions when the log holds nothing for the prefix', async () => {
    const service = new SearchService(engine, new QueryLog({ minShoppers: 1 }));
    await service.search({ query: '手机壳', userId: 'a', first: 5 });
    expect(await service.suggest({ prefix: '手', first: 3 })).toEqual(['手机壳', '手机', '手环']);
    expect(await service.suggest({ prefix: '手', first: 1 })).toEqual(['手机壳']);
  });
});

describe('search and suggest over GraphQL with a Chinese catalogue', () => {
  let gateway: RunningGateway;

  const gql = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<Body<T>> => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': APP_KEY },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Body<T>;
  };
  type Found = { search: { terms: string[]; total: number; hits: Array<{ product: { id: string }; source: string; matchedTerms: string[] }> } };
  const SEARCH = `query($q: String!, $u: ID, $f: ProductFilter) {
    search(query: $q, userId: $u, filter: $f, first: 5) { terms total hits { product { id } source matchedTerms } }
  }`;
  const search = async (q: string, extra: { u?: string; f?: Record<string, unknown> } = {}) => gql<Found>(SEARCH, { q, ...extra });
  const topIds = async (q: string, f?: Record<string, unknown>) => (await search(q, { f })).data!.search.hits.map((h) => h.product.id);
  const suggest = async (prefix: string) => (await gql<{ suggest: string[] }>('query($p: String!) { suggest(prefix: $p, first: 5) }', { p: prefix })).data!.suggest;

  beforeAll(async () => {
    const engine = new SearchEngine();
    await engine.indexAll(CHINESE_TEST_CATALOGUE);
    const config = loadConfig({}, { gateway: { host: '127.0.0.1', port: 0, appKeys: [APP_KEY], adminKeys: ['admin-key-search-0001'] } }).gateway;
    gateway = await startGateway({ config, services: searchOnly(new SearchService(engine)), logger: { info: () => undefined, warn: () => undefined, error: () => undefined } });
  });
  afterAll(() => gateway.stop());

  it('finds Chinese products by a Chinese query and shows the segmented terms', async () => {
    const { data, errors } = await search('儿童保温杯');
    expect(errors).toBeUndefined();
    expect(data!.search.terms).toEqual(['儿童', '保温', '保温杯']);
    expect(data!.search.hits[0]).toEqual({ product: { id: 'zh15' }, source: 'SEARCH', matchedTerms: ['儿童', '保温', '保温杯'] });
    expect((await topIds('扫地机器人'))[0]).toBe('zh20');
  });

  it('answers mixed and full-width queries', async () => {
    const mixed = (await search('iphone 手机壳')).data!.search;
    expect(mixed.terms).toEqual(['iphon', '手机', '壳']);
    expect(mixed.hits[0].product.id).toBe('zh2');
    expect((await topIds('蓝牙耳机 sony'))[0]).toBe('zh6');
    expect((await topIds('ｉＰｈｏｎｅ１５')).sort()).toEqual(['zh2', 'zh3', 'zh7']);
  });

  it('filters by category, brand, price range and stock', async () => {
    expect((await topIds('手机', { category: '手机', brand: 'Apple' }))).toEqual(['zh3']);
    expect((await topIds('耳机', { priceMin: 100, priceMax: 300 }))).toEqual(['zh5']);
    // zh4 (Huawei) is sold out.
    expect((await topIds('智能手机', { category: '手机', inStock: true })).sort()).toEqual(['zh1', 'zh3']);
    expect((await topIds('智能手机', { category: '手机' })).sort()).toEqual(['zh1', 'zh3', 'zh4']);
  });

  it.each([
    [{ priceMin: 500, priceMax: 100 }, '"filter.priceMax": must not be below priceMin'],
    [{ priceMin: -1 }, '"filter.priceMin": must not be negative'],
  ])('rejects the price range %j with BAD_USER_INPUT and a clear message', async (filter, message) => {
    const { data, errors } = await search('耳机', { f: filter });
    expect(data).toBeNull();
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(errors?.[0].message).toContain(message);
  });

  it('suggests Chinese completions from titles, then past queries once two shoppers searched them', async () => {
    expect(await suggest('蓝牙耳')).toEqual(['蓝牙耳机', '蓝牙耳塞']);
    await search('蓝牙耳机 降噪', { u: 'shopper-1' });
    await search('蓝牙耳机 降噪', { u: 'shopper-1' });
    expect(await suggest('蓝牙耳')).toEqual(['蓝牙耳机', '蓝牙耳塞']); // one shopper's query stays private
    await search('蓝牙耳机 降噪', { u: 'shopper-2' });
    expect(await suggest('蓝牙耳')).toEqual(['蓝牙耳机 降噪', '蓝牙耳机', '蓝牙耳塞']);
    expect(await suggest('ｉＰｈ')).toEqual(['iphone']);
  });
});
