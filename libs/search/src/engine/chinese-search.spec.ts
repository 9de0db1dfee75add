import { ErrorCode } from '@magpie/contracts';
import { CHINESE_TEST_CATALOGUE } from './chinese-test-catalogue';
import { SearchEngine } from './search-engine';

const ids = (result: { hits: { product: { id: number } }[] }) => result.hits.map((h) => h.product.id);

describe('SearchEngine over a Chinese catalogue', () => {
  let engine: SearchEngine;
  const search = (query: string, filter?: object) => engine.search({ query, filter, first: 5 });

  beforeAll(async () => {
    engine = new SearchEngine();
    await engine.indexAll(CHINESE_TEST_CATALOGUE);
  });

  it('segments a Chinese query into words and shows them as the terms', async () => {
    expect((await search('儿童保温杯')).terms).toEqual(['儿童', '保温', '保温杯']);
    expect((await search('扫地机器人')).terms).toEqual(['扫地', '机器', '机器人']);
    expect((await search('降噪耳机')).terms).toEqual(['降噪', '耳机']);
  });

  it.each([
    ['儿童保温杯', 15],
    ['扫地机器人', 20],
    ['电动牙刷', 21],
    ['机械键盘', 12],
    ['笔记本电脑', 11],
    ['羽绒服', 24],
    ['咖啡机', 18],
    ['乐高积木', 26],
    ['行李箱', 30],
    ['充电宝', 8],
    ['空气净化器', 19],
    ['绿茶', 28],
  ])('ranks the right product first for %s', async (query, id) => {
    expect(ids(await search(query))[0]).toBe(id);
  });

  it('ranks the product naming both brand and kind above those naming only one', async () => {
    expect(ids(await search('小米手机'))[0]).toBe(1);
    expect(ids(await search('华为手机'))[0]).toBe(4);
    expect(ids(await search('苹果手机壳'))[0]).toBe(2);
  });

  it('finds every noise-cancelling earphone for 降噪耳机, and nothing else, first', async () => {
    expect(ids(await search('降噪耳机')).slice(0, 3).sort((a, b) => a - b)).toEqual([5, 6, 32]);
  });

  it('finds a word inside a longer title word (耳机 in 头戴式蓝牙耳机)', async () => {
    expect(ids(await search('耳机')).sort((a, b) => a - b)).toEqual([5, 6, 32]);
  });

  describe('mixed Chinese/English queries', () => {
    it('stems the English part and segments the Chinese part', async () => {
      const result = await search('iphone 手机壳');
      expect(result.terms).toEqual(['iphon', '手机', '壳']);
      expect(ids(result)[0]).toBe(2);
      expect(result.hits[0].matchedTerms).toEqual(expect.arrayContaining(['iphon', '手机', '壳']));
    });

    it('puts the Sony headphones first for 蓝牙耳机 sony', async () => {
      const result = await search('蓝牙耳机 sony');
      expect(result.terms).toEqual(['蓝牙', '耳机', 'soni']);
      expect(ids(result)[0]).toBe(6);
      expect(ids(result).slice(0, 3)).toContain(32);
    });

    it('reads full-width letters and digits as ASCII: ｉＰｈｏｎｅ１５ finds the iPhone 15 items', async () => {
      const result = await search('ｉＰｈｏｎｅ１５');
      expect(result.terms).toEqual(['iphone15', 'iphon', '15']);
      expect(ids(result).sort((a, b) => a - b)).toEqual([2, 3, 7]);
      expect(ids(await search('iPhone15'))).toEqual(ids(result));
      expect(ids(await search('ｉＰｈｏｎｅ　１５ 钢化膜'))[0]).toBe(7);
    });

    it('matches a capacity however its unit is spelt (500ml, 500 ml, 500ＭＬ, 12GB)', async () => {
      for (const query of ['保温杯 500ml', '保温杯 500 ml', '保温杯 ５００ＭＬ']) expect([query, ids(await search(query))[0]]).toEqual([query, 15]);
      expect(ids(await search('华为 12gb'))[0]).toBe(4);
      expect(ids(await search('20000 mah'))).toEqual([8]);
    });
  });

  describe('filters', () => {
    it('filters by a Chinese category level and by brand', async () => {
      expect(ids(await search('智能', { category: '手机' })).sort((a, b) => a - b)).toEqual([1, 4]);
      expect(ids(await search('手机', { brand: 'apple' })).sort((a, b) => a - b)).toEqual([2, 3, 7]);
    });

    it('filters by price range (inclusive) and stock', async () => {
      expect(ids(await search('耳机', { priceMin: 199, priceMax: 1699 })).sort((a, b) => a - b)).toEqual([5, 32]);
      expect(ids(await search('智能手机', { inStock: true }))).not.toContain(4);
      expect(ids(await search('智能手机', { inStock: true }))).toContain(1);
    });

    it('rejects priceMin above priceMax', async () => {
      await expect(search('耳机', { priceMin: 500, priceMax: 100 })).rejects.toMatchObject({
        code: ErrorCode.BAD_USER_INPUT,
        message: 'priceMin (500) must not be above priceMax (100)',
      });
    });

    it('counts Chinese facets over the matches', async () => {
      const result = await search('耳机');
      expect(result.facets.category).toEqual([
        { value: '手机数码', count: 3 },
        { value: '耳机', count: 3 },
      ]);
      expect(result.facets.brand).toEqual([
        { value: 'Sony', count: 2 },
        { value: '漫步者', count: 1 },
      ]);
    });
  });

  describe('suggest', () => {
    const texts = async (prefix: string, first = 5) => (await engine.suggest(prefix, first)).map((s) => s.text);

    it('completes a Chinese prefix from title words, most frequent first', async () => {
      expect(await texts('手')).toEqual(['手机', '手环']);
      expect(await texts('保温')).toEqual(['保温', '保温杯']);
      expect(await texts('智能手')).toEqual(['智能手机']);
    });

    it('completes the last Chinese word of a run without spaces: 蓝牙耳 → 蓝牙耳机', async () => {
      expect(await texts('蓝牙耳')).toEqual(['蓝牙耳机', '蓝牙耳塞']);
      expect(await texts('无线蓝牙耳', 1)).toEqual(['无线蓝牙耳机']);
    });

    it('completes the Latin word after Chinese, and full-width input', async () => {
      expect(await texts('苹果 iph')).toEqual(['苹果 iphone']);
      expect(await texts('苹果iph')).toEqual(['苹果iphone']);
      expect(await texts('ｉＰｈ')).toEqual(['iphone']);
    });

    it('suggests nothing for an unknown Chinese prefix', async () => {
      expect(await texts('火箭')).toEqual([]);
    });
  });
});
