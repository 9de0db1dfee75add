import { createAnalyzer } from './analyzer';
import { normalizeText } from './normalize-text';

const analyzer = createAnalyzer();
const terms = (text: string) => analyzer.analyze(text);

describe('analyzer: Latin text', () => {
  it('lower-cases, removes English stop words and stems with Porter2', () => {
    expect(terms('The Cordless Drills with Batteries')).toEqual(['cordless', 'drill', 'batteri']);
    expect(terms('running lights')).toEqual(terms('run light'));
  });

  it('applies Unicode NFKC (full-width letters and digits)', () => {
    expect(terms('ＬＥＤ Ｌａｍｐ １２')).toEqual(['led', 'lamp', '12']);
  });

  it('decodes HTML entities and drops possessive s', () => {
    expect(terms('Briggs &amp; Stratton')).toEqual(['brigg', 'stratton']);
    expect(terms("Men's Boots")).toEqual(['men', 'boot']);
  });

  it('keeps unstemmed surface words for suggestions', () => {
    expect(analyzer.words('The Cordless Drills')).toEqual(['cordless', 'drills']);
  });

  it('can skip stemming and stop-word removal', () => {
    expect(createAnalyzer({ stem: false, removeStopWords: false }).analyze('The Drills')).toEqual(['the', 'drills']);
  });

  it('returns no terms for blank or stop-word-only text', () => {
    expect(terms('   ')).toEqual([]);
    expect(terms('the of and')).toEqual([]);
  });
});

describe('analyzer: numbers and units', () => {
  it('gives every spelling of a half inch the same terms', () => {
    for (const text of ['1/2 in.', '1/2-inch', '1/2 inch', '1/2"', '1/2 inches', '0.5 in', '.5 in.']) {
      expect([text, terms(text)]).toEqual([text, ['0.5', 'inch']]);
    }
  });

  it('turns mixed numbers into decimals', () => {
    expect(terms('1-1/2 in. PVC')).toEqual(['1.5', 'inch', 'pvc']);
    expect(terms('1 1/2 inch pvc')).toEqual(['1.5', 'inch', 'pvc']);
  });

  it('splits dimensions: 2x4 and 2 x 4 agree', () => {
    expect(terms('2x4')).toEqual(['2', '4']);
    expect(terms('2 x 4')).toEqual(['2', '4']);
    expect(terms('2 in. x 4 in. x 8 ft.')).toEqual(['2', 'inch', '4', 'inch', '8', 'ft']);
    expect(terms('2x4x8')).toEqual(['2', '4', '8']);
  });

  it('unifies feet, gallons, pounds and volts', () => {
    expect(terms("6 ft. ladder")).toEqual(terms("6' ladder"));
    expect(terms('6 feet ladder')).toEqual(['6', 'ft', 'ladder']);
    expect(terms('8 foot')).toEqual(['8', 'ft']);
    expect(terms('5 gal. bucket')).toEqual(['5', 'gal', 'bucket']);
    expect(terms('5-gallon bucket')).toEqual(['5', 'gal', 'bucket']);
    expect(terms('gallon')).toEqual(['gal']);
    expect(terms('50 lbs')).toEqual(['50', 'lb']);
    expect(terms('18V drill')).toEqual(['18', 'volt', 'drill']);
    expect(terms('18-Volt drill')).toEqual(['18', 'volt', 'drill']);
  });

  it('does not read "in" before a number as inches', () => {
    expect(terms('2 in 1 tool')).toEqual(['2', '1', 'tool']);
  });

  it('normalises thousands separators and trailing zeros', () => {
    expect(normalizeText('1,000 lb')).toBe('1000 lb ');
    expect(terms('1.50 gal')).toEqual(['1.5', 'gal']);
  });
});

describe('analyzer: Chinese and mixed text', () => {
  it('segments Chinese with jieba', () => {
    expect(terms('不锈钢水龙头')).toEqual(expect.arrayContaining(['不锈钢', '水龙头']));
  });

  it('segments mixed Chinese/English text run by run', () => {
    const mixed = terms('Makita 18V 无刷冲击钻 Impact Drivers');
    expect(mixed.slice(0, 3)).toEqual(['makita', '18', 'volt']);
    expect(mixed).toEqual(expect.arrayContaining(['冲击钻', 'impact', 'driver']));
  });

  it('drops Chinese stop words', () => {
    expect(terms('红色的杯子')).not.toContain('的');
  });

  it('in index mode also emits overlapping dictionary words a query may use', () => {
    expect(analyzer.analyze('无线电钻套装', 'query')).not.toContain('电钻');
    expect(analyzer.analyze('无线电钻套装', 'index')).toEqual(expect.arrayContaining(['电钻', '无线', '套装']));
    expect(analyzer.analyze('电钻')).toEqual(['电钻']);
  });
});

describe('analyzer: shop titles beyond hardware', () => {
  it('gives capacities one spelling: 500ml, 500 ml, ５００ＭＬ; 8GB+256GB; 20000mAh; 2kg', () => {
    for (const text of ['500ml', '500 ml', '５００ＭＬ', '500 milliliters']) expect([text, terms(text)]).toEqual([text, ['500', 'ml']]);
    expect(terms('8GB+256GB')).toEqual(['8', 'gb', '256', 'gb']);
    expect(terms('20000mAh')).toEqual(['20000', 'mah']);
    expect(terms('2kg')).toEqual(terms('2 kilograms'));
  });

  it('also splits a word glued to a number, keeping the glued form: iphone15, ｉＰｈｏｎｅ１５', () => {
    expect(terms('iphone15')).toEqual(['iphone15', 'iphon', '15']);
    expect(terms('ｉＰｈｏｎｅ１５')).toEqual(terms('iphone15'));
    expect(terms('ｉＰｈｏｎｅ　１５')).toEqual(['iphon', '15']);
    expect(terms('x1 carbon')).toEqual(['x1', 'carbon']);
  });

  it('handles mixed Chinese/English queries: Latin stems beside Chinese words', () => {
    expect(terms('iphone 手机壳')).toEqual(['iphon', '手机', '壳']);
    expect(terms('蓝牙耳机 sony')).toEqual(['蓝牙', '耳机', 'soni']);
    expect(terms('苹果iPhone手机壳')).toEqual(['苹果', 'iphon', '手机', '壳']);
  });
});
