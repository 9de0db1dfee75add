import { damerauLevenshtein } from './damerau-levenshtein';

describe('damerauLevenshtein', () => {
  it('counts insertions, deletions, substitutions and adjacent transpositions as one edit each', () => {
    expect(damerauLevenshtein('drill', 'drill')).toBe(0);
    expect(damerauLevenshtein('drill', 'drll')).toBe(1);
    expect(damerauLevenshtein('drill', 'dsrill')).toBe(1);
    expect(damerauLevenshtein('drill', 'drilk')).toBe(1);
    expect(damerauLevenshtein('drill', 'rdill')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
  });

  it('stops early at max + 1', () => {
    expect(damerauLevenshtein('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(damerauLevenshtein('a', 'abcd', 1)).toBe(2);
    expect(damerauLevenshtein('mower', 'mwoer', 1)).toBe(1);
  });
});
