import { ErrorCode, MagpieError } from '@magpie/contracts';
import { SearchEngine } from './search-engine';
import { makeProduct } from './test-products';

const tools = ['Tools', 'Power Tools'];
const catalogue = [
  makeProduct(1, 'Makita 18V Cordless Drill Kit', { brand: 'Makita', categories: [...tools, 'Drills'], price: 199, stock: 5 }),
  makeProduct(2, 'DeWalt 20V Cordless Hammer Drill', { brand: 'DeWalt', categories: [...tools, 'Drills'], price: 249, stock: 0 }),
  makeProduct(3, 'Husky Claw Hammer 16 oz.', { brand: 'Husky', categories: ['Tools', 'Hand Tools'], price: 19, stock: null }),
  makeProduct(4, '1/2 in. x 10 ft. Copper Pipe', { brand: 'Mueller', categories: ['Plumbing', 'Pipe'], price: 32, stock: 40 }),
  makeProduct(5, 'Makita Drill Bit Set', { brand: 'makita', categories: [...tools, 'Accessories'], price: null, stock: 3 }),
  makeProduct(6, 'Garden Hose 50 ft.', { description: 'Kink-free hose for watering the lawn', categories: ['Garden'], price: 25 }),
];

const engineWith = async (products = catalogue) => {
  const engine = new SearchEngine();
  await engine.indexAll(products);
  return engine;
};
const ids = (result: { hits: { product: { id: number } }[] }) => result.hits.map((h) => h.product.id);

describe('SearchEngine.search', () => {
  it('finds products by stemmed, case-folded terms and ranks the closest match first', async () => {
    const result = await (await engineWith()).search({ query: 'cordless drills' });
    expect(ids(result).slice(0, 2)).toEqual([1, 2]);
    expect(result.terms).toEqual(['cordless', 'drill']);
    expect(result.total).toBe(3);
    expect(result.hits[0]).toMatchObject({ source: 'search', matchedTerms: ['cordless', 'drill'] });
    expect(result.hits[0].score).toBeGreaterThan(result.hits[2].score);
  });

  it('matches unit spellings: 1/2" and 1/2 inch find the "1/2 in." pipe', async () => {
    const engine = await engineWith();
    expect(ids(await engine.search({ query: '1/2" copper pipe' }))[0]).toBe(4);
    expect(ids(await engine.search({ query: 'half inch 1/2 inch pipe 10 feet' }))[0]).toBe(4);
  });

  it('tolerates typos', async () => {
    const result = await (await engineWith()).search({ query: 'hamer' });
    expect(ids(result)).toEqual([3, 2]);
    expect(result.hits[0].matchedTerms).toEqual(['hammer']);
  });

  it('searches brand, category and description fields too', async () => {
    const engine = await engineWith();
    expect(ids(await engine.search({ query: 'watering lawn' }))).toEqual([6]);
    expect(ids(await engine.search({ query: 'plumbing' }))).toEqual([4]);
  });

  it('returns nothing for a blank query', async () => {
    const result = await (await engineWith()).search({ query: '   ' });
    expect(result).toMatchObject({ total: 0, hits: [], terms: [], facets: { category: [], brand: [] } });
  });

  it('pages with first and counts every match in total', async () => {
    const result = await (await engineWith()).search({ query: 'drill hammer', first: 1 });
    expect(result.hits).toHaveLength(1);
    expect(result.total).toBe(4);
  });

  it('rejects a query over 256 characters and first outside 0..100', async () => {
    const engine = await engineWith();
    await expect(engine.search({ query: 'a'.repeat(257) })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
    await expect(engine.search({ query: 'drill', first: 101 })).rejects.toBeInstanceOf(MagpieError);
    await expect(engine.search({ query: 'drill', first: -1 })).rejects.toBeInstanceOf(MagpieError);
    await expect(engine.search({ query: 'drill', first: 1.5 })).rejects.toBeInstanceOf(MagpieError);
    await expect(engine.search({ query: 'a'.repeat(256), first: 100 })).resolves.toMatchObject({ total: 0 });
  });
});

describe('SearchEngine filters and facets', () => {
  const search = async (filter: object) => ids(await (await engineWith()).search({ query: 'drill hammer makita', filter })).sort();

  it('filters by any level of the category path, case-insensitively', async () => {
    expect(await search({ category: 'power tools' })).toEqual([1, 2, 5]);
    expect(await search({ category: 'DRILLS' })).toEqual([1, 2]);
    expect(await search({ category: 'tools' })).toEqual([1, 2, 3, 5]);
  });

  it('filters by brand, price range, stock and excluded external ids', async () => {
    expect(await search({ brand: 'MAKITA' })).toEqual([1, 5]);
    expect(await search({ priceMin: 20, priceMax: 200 })).toEqual([1]);
    expect(await search({ inStock: true })).toEqual([1, 3, 5]);
    expect(await search({ inStock: false })).toEqual(await search({})); // false constrains nothing
    expect(await search({ excludeIds: ['p1', 'p2'] })).toEqual([3, 5]);
  });

  it('rejects a non-finite price bound', async () => {
    await expect(search({ priceMin: Number.NaN })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });

  it('counts facets over all filtered matches, every category level once per product', async () => {
    const engine = await engineWith();
    const result = await engine.search({ query: 'drill hammer makita', first: 1, filter: { excludeIds: ['p3'] } });
    expect(result.total).toBe(3);
    expect(result.facets.category).toEqual([
      { value: 'Power Tools', count: 3 },
      { value: 'Tools', count: 3 },
      { value: 'Drills', count: 2 },
      { value: 'Accessories', count: 1 },
    ]);
    // "Makita" and "makita" are one brand, as for the brand filter.
    expect(result.facets.brand).toEqual([
      { value: 'Makita', count: 2 },
      { value: 'DeWalt', count: 1 },
    ]);
  });

  it('keeps at most facetSize values per facet', async () => {
    const engine = new SearchEngine({ facetSize: 2 });
    await engine.indexAll(catalogue);
    const result = await engine.search({ query: 'drill hammer makita' });
    expect(result.facets.category).toHaveLength(2);
  });
});

describe('SearchEngine catalogue changes', () => {
  it('finds an upserted product, updates it in place and forgets it on removal', async () => {
    const engine = await engineWith();
    await engine.upsert(makeProduct(7, 'Cordless Leaf Blower'));
    expect(ids(await engine.search({ query: 'leaf blower' }))).toEqual([7]);
    await engine.upsert(makeProduct(7, 'Cordless Snow Blower'));
    expect(ids(await engine.search({ query: 'leaf' }))).toEqual([]);
    expect(ids(await engine.search({ query: 'snow' }))).toEqual([7]);
    expect(await engine.remove(7)).toBe(true);
    expect(await engine.remove(7)).toBe(false);
    expect((await engine.search({ query: 'blower' })).total).toBe(0);
    expect(engine.size).toBe(catalogue.length);
  });

  it('replaces the whole catalogue on indexAll', async () => {
    const engine = await engineWith();
    await engine.indexAll([makeProduct(9, 'Snow Shovel')]);
    expect(engine.size).toBe(1);
    expect((await engine.search({ query: 'drill' })).total).toBe(0);
  });
});

describe('SearchEngine with a Chinese catalogue', () => {
  const chinese = [
    makeProduct(1, '无线电钻套装 18V 锂电池', { categories: ['电动工具'] }),
    makeProduct(2, '不锈钢厨房水龙头', { categories: ['厨卫'] }),
    makeProduct(3, 'LED吸顶灯 客厅', { categories: ['灯具'] }),
    makeProduct(4, 'Bosch 冲击钻 Impact Drill', { brand: 'Bosch', categories: ['电动工具'] }),
  ];

  it('finds products by Chinese words, including words inside longer ones', async () => {
    const engine = await engineWith(chinese);
    expect(ids(await engine.search({ query: '水龙头' }))).toEqual([2]);
    expect(ids(await engine.search({ query: '电钻' }))).toEqual([1]);
    expect(ids(await engine.search({ query: '吸顶灯' }))).toEqual([3]);
  });

  it('answers mixed Chinese/English queries', async () => {
    const engine = await engineWith(chinese);
    expect(ids(await engine.search({ query: 'bosch 冲击钻' }))[0]).toBe(4);
    expect(ids(await engine.search({ query: '18v 电钻' }))[0]).toBe(1);
    expect(ids(await engine.search({ query: 'led 灯' })).includes(3)).toBe(true);
  });

  it('filters and facets Chinese categories', async () => {
    const result = await (await engineWith(chinese)).search({ query: '钻', filter: { category: '电动工具' } });
    expect(ids(result).sort()).toEqual([1, 4]);
    expect(result.facets.category).toEqual([{ value: '电动工具', count: 2 }]);
  });
});

describe('SearchEngine.suggest', () => {
  it('completes the last word from titles, most frequent first, keeping the typed words', async () => {
    const engine = await engineWith();
    expect(await engine.suggest('Cordless dr')).toEqual([
      { text: 'cordless drill', count: 3 },
    ]);
    expect((await engine.suggest('h')).map((s) => s.text)).toEqual(['hammer', 'hose', 'husky']);
    expect(await engine.suggest('ha', 1)).toEqual([{ text: 'hammer', count: 2 }]);
  });

  it('suggests nothing after a trailing space or for unknown prefixes, and follows removals', async () => {
    const engine = await engineWith();
    expect(await engine.suggest('drill ')).toEqual([]);
    expect(await engine.suggest('zz')).toEqual([]);
    await engine.remove(6);
    expect((await engine.suggest('ho')).map((s) => s.text)).toEqual([]);
  });

  it('rejects oversized input', async () => {
    await expect((await engineWith()).suggest('x', 101)).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });
});
