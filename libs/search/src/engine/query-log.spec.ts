import { QueryLog, type QueryLogOptions } from './query-log';
import { mergeSuggestions } from './suggester';

const DAY = 86_400_000;

const logWith = (options: QueryLogOptions = {}) => {
  let now = 0;
  const log = new QueryLog({ now: () => now, ...options });
  return { log, advance: (ms: number) => (now += ms) };
};
const texts = (log: QueryLog, prefix: string, first = 10) => log.completions(prefix, first).map((s) => s.text);

describe('QueryLog', () => {
  it('suggests a query only once two different shoppers have issued it', () => {
    const { log } = logWith();
    log.record('cordless drill', 'alice');
    log.record('cordless drill', 'alice');
    log.record('cordless drill', 'alice');
    expect(texts(log, 'cord')).toEqual([]);
    log.record('cordless drill', 'bob');
    expect(log.completions('cord', 10)).toEqual([{ text: 'cordless drill', count: 4 }]);
  });

  it('counts all searches without a shopper id as one shopper', () => {
    const { log } = logWith();
    log.record('my home address 12', null);
    log.record('my home address 12');
    expect(texts(log, 'my')).toEqual([]);
    log.record('my home address 12', 'carol');
    expect(texts(log, 'my')).toEqual(['my home address 12']);
  });

  it('can require more shoppers, or one', () => {
    const strict = logWith({ minShoppers: 3 }).log;
    strict.record('drill', 'a');
    strict.record('drill', 'b');
    expect(texts(strict, 'dr')).toEqual([]);
    strict.record('drill', 'c');
    expect(texts(strict, 'dr')).toEqual(['drill']);
    const open = logWith({ minShoppers: 1 }).log;
    open.record('drill', 'a');
    expect(texts(open, 'dr')).toEqual(['drill']);
  });

  it('ranks by how often a query was issued, ties alphabetical, and honours first', () => {
    const { log } = logWith({ minShoppers: 1 });
    for (let i = 0; i < 3; i++) log.record('drill bits', `u${i}`);
    for (let i = 0; i < 5; i++) log.record('drill press', `u${i}`);
    log.record('drill', 'u1');
    log.record('drill case', 'u1');
    expect(texts(log, 'drill')).toEqual(['drill press', 'drill bits', 'drill', 'drill case']);
    expect(texts(log, 'drill', 2)).toEqual(['drill press', 'drill bits']);
    expect(texts(log, 'drill ', 10)).toEqual(['drill press', 'drill bits', 'drill case']);
    expect(texts(log, 'drill', 0)).toEqual([]);
  });

  it('lets old popularity fade: counts halve every half-life', () => {
    const { log, advance } = logWith({ minShoppers: 1, halfLifeMs: DAY });
    for (let i = 0; i < 4; i++) log.record('snow shovel', 'u');
    advance(3 * DAY); // 4 → 0.5
    log.record('snow blower', 'u');
    expect(texts(log, 'snow')).toEqual(['snow blower', 'snow shovel']);
  });

  it('compares case-, width- and space-insensitively (NFKC, lower case, single spaces)', () => {
    const { log } = logWith({ minShoppers: 1 });
    log.record('  ｉＰｈｏｎｅ   手机壳 ', 'u');
    log.record('iPhone 手机壳', 'v');
    expect(log.completions('IPHONE 手', 10)).toEqual([{ text: 'iphone 手机壳', count: 2 }]);
    expect(texts(log, 'ｉｐｈ')).toEqual(['iphone 手机壳']);
    expect(texts(log, '手机')).toEqual([]); // whole queries complete from their start only
  });

  it('is bounded: forgets the least recently issued query past maxQueries and skips long or wordless queries', () => {
    const { log } = logWith({ minShoppers: 1, maxQueries: 3, maxQueryLength: 20 });
    for (const q of ['a1', 'a2', 'a3']) log.record(q, 'u');
    log.record('a1', 'u'); // a1 is now the most recent
    log.record('a4', 'u');
    expect(log.size).toBe(3);
    expect(texts(log, 'a').sort()).toEqual(['a1', 'a3', 'a4']);
    log.record('x'.repeat(21), 'u');
    log.record('?!', 'u');
    log.record('   ', 'u');
    expect(log.size).toBe(3);
    expect(texts(log, 'x')).toEqual([]);
  });

  it('holds no shopper ids for a query once it is suggestable', () => {
    const { log } = logWith();
    log.record('drill', 'a');
    log.record('drill', 'b');
    log.record('drill', 'c');
    expect(log.completions('drill', 1)).toEqual([{ text: 'drill', count: 3 }]);
  });
});

describe('mergeSuggestions', () => {
  it('puts past queries first, then title words not already there, at most first', () => {
    const past = [{ text: 'cordless drill kit', count: 9 }, { text: 'cordless drill', count: 4 }];
    const titles = [{ text: 'cordless drill', count: 3 }, { text: 'cordless driver', count: 1 }];
    expect(mergeSuggestions(past, titles, 10).map((s) => s.text)).toEqual(['cordless drill kit', 'cordless drill', 'cordless driver']);
    expect(mergeSuggestions(past, titles, 1).map((s) => s.text)).toEqual(['cordless drill kit']);
    expect(mergeSuggestions([], titles, 10)).toEqual(titles);
  });
});
