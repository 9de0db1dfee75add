import { TermDictionary } from './term-dictionary';

const dictionaryOf = (...terms: string[]) => {
  const d = new TermDictionary();
  for (const t of terms) d.increment(t);
  return d;
};

describe('TermDictionary', () => {
  it('counts document frequencies up and down', () => {
    const d = dictionaryOf('saw', 'saw', 'drill');
    expect(d.documentFrequency('saw')).toBe(2);
    d.decrement('saw');
    d.decrement('drill');
    expect(d.documentFrequency('saw')).toBe(1);
    expect(d.size).toBe(1);
  });

  it('completes prefixes by frequency, then alphabetically', () => {
    const d = dictionaryOf('drill', 'drill', 'driver', 'drywall', 'dremel', 'saw');
    expect(d.completions('dr', 10).map((c) => c.term)).toEqual(['drill', 'dremel', 'driver', 'drywall']);
    expect(d.completions('dri', 1)).toEqual([{ term: 'drill', documentFrequency: 2 }]);
    expect(d.completions('x', 5)).toEqual([]);
  });

  it('corrects within one edit, or two for terms of eight or more characters, nearest first', () => {
    const d = dictionaryOf('faucet', 'faucets', 'sprinkler', 'cabinet');
    expect(d.corrections('fuacet').map((c) => [c.term, c.distance])).toEqual([['faucet', 1]]);
    expect(d.corrections('faucett').map((c) => [c.term, c.distance])).toEqual([
      ['faucet', 1],
      ['faucets', 1],
    ]);
    expect(d.corrections('spirnkelr').map((c) => [c.term, c.distance])).toEqual([['sprinkler', 2]]);
    expect(d.corrections('cabnit')).toEqual([]); // 6 characters, 2 edits
  });

  it('never corrects short terms, numbers or Chinese words', () => {
    const d = dictionaryOf('saw', '1/2', '2x4', '螺丝刀', '电钻');
    expect(d.corrections('sav')).toEqual([]);
    expect(d.corrections('3x4')).toEqual([]);
    expect(d.corrections('螺丝刃')).toEqual([]);
  });

  it('stops offering a term once its last document is gone', () => {
    const d = dictionaryOf('hammer');
    d.decrement('hammer');
    expect(d.corrections('hamer')).toEqual([]);
    expect(d.completions('ham', 5)).toEqual([]);
  });
});
