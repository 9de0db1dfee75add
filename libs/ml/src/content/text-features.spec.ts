import { TextVocabulary } from './text-features';

describe('TextVocabulary', () => {
  const vocabulary = TextVocabulary.build(
    [
      ['drill', 'bit'],
      ['drill', 'press'],
      ['shower', 'head'],
      ['shower', 'curtain'],
    ],
    { minCount: 2, features: { buckets: 1000, slots: 8, maxTokens: 4 } },
  );

  it('keeps words seen in at least minCount texts, most frequent first, and addresses padding, OOV, words and trigram buckets', () => {
    expect(vocabulary.words).toEqual(['drill', 'shower']);
    expect(vocabulary.rows).toBe(2 + 2 + 1000);
    expect(vocabulary.tokenRows('drill')[0]).toBe(2);
    expect(vocabulary.tokenRows('bit')).not.toContain(1); // unknown: its trigrams only
    const legacy = TextVocabulary.fromJSON({ ...vocabulary.toJSON(), words: [...vocabulary.words], config: { ...vocabulary.config, oovRow: undefined } });
    expect(legacy.tokenRows('bit')[0]).toBe(1); // encoders saved before the option: the shared OOV row
  });

  it('gives a misspelt word most of the right word’s trigram rows', () => {
    const right = new Set(vocabulary.tokenRows('shower').slice(1));
    const typo = vocabulary.tokenRows('showr'); // unknown: trigrams only
    expect(typo.filter((r) => right.has(r)).length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...typo)).toBeGreaterThanOrEqual(4);
  });

  it('encodes a batch padded to its longest text and widest token, capped by maxTokens', () => {
    const { rows, lengths, tokens, slots } = vocabulary.encode([['drill'], ['a', 'b', 'c', 'd', 'e', 'f'], []]);
    expect(Array.from(lengths)).toEqual([1, 4, 0]);
    expect(tokens).toBe(4);
    expect(slots).toBe(vocabulary.tokenRows('drill').length);
    expect(rows).toHaveLength(3 * tokens * slots);
    expect(Array.from(rows.subarray(2 * tokens * slots))).toEqual(new Array(tokens * slots).fill(0));
  });

  it('round-trips through JSON with the same rows', () => {
    const copy = TextVocabulary.fromJSON(JSON.parse(JSON.stringify(vocabulary.toJSON())));
    expect(copy.tokenRows('showerhead')).toEqual(vocabulary.tokenRows('showerhead'));
  });
});
