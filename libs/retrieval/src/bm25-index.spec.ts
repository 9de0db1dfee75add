import { Bm25Index } from './bm25-index';
import { keywordIndexContract } from './keyword-index.contract';

keywordIndexContract('Bm25Index', () => new Bm25Index({ fields: { title: 2, description: 1 } }));
keywordIndexContract('Bm25Index with default product fields', () => new Bm25Index());

const idf = (n: number, df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));

describe('Bm25Index matched-id storage', () => {
  it('hands a recycled buffer to the next search that fits in it, and allocates while none is given back', () => {
    const index = new Bm25Index();
    for (let id = 1; id <= 50; id++) index.add(id, { title: ['lamp', ...(id % 2 === 0 ? ['brass'] : [])] });
    const first = index.search(['lamp']);
    const second = index.search(['brass']);
    expect(second.matchedIds).not.toBe(first.matchedIds);
    expect((second.matchedIds as Float64Array).buffer).not.toBe((first.matchedIds as Float64Array).buffer);
    index.recycle(first.matchedIds);
    const third = index.search(['brass']);
    expect((third.matchedIds as Float64Array).buffer).toBe((first.matchedIds as Float64Array).buffer);
    expect([...third.matchedIds].sort((a, b) => a - b)).toEqual(Array.from({ length: 25 }, (_, i) => 2 * (i + 1)));
    expect(third.matchedIds).toHaveLength(25);
  });
});

describe('Bm25Index scoring', () => {
  it('matches the BM25 formula for a single field', () => {
    const index = new Bm25Index({ fields: { title: 1 } });
    index.add(1, { title: ['red', 'drill'] });
    index.add(2, { title: ['blue', 'drill', 'bit', 'set'] });
    index.add(3, { title: ['red', 'hose'] });
    // avglen = 8/3; doc 1: tf̃ = 1 / (0.25 + 0.75 · 2 / (8/3)) = 1 / 0.8125
    const tf = 1 / (0.25 + (0.75 * 2) / (8 / 3));
    const expected = (idf(3, 2) * tf * 2.2) / (1.2 + tf);
    const hits = index.search(['drill']).hits;
    expect(hits.map((h) => h.id)).toEqual([1, 2]);
    expect(hits[0].score).toBeCloseTo(expected, 10);
  });

  it('scores a rarer term higher than a common one', () => {
    const index = new Bm25Index({ fields: { title: 1 } });
    index.add(1, { title: ['drill', 'cordless'] });
    index.add(2, { title: ['drill', 'corded'] });
    index.add(3, { title: ['drill', 'hammer'] });
    const hits = index.search(['drill', 'hammer']).hits;
    expect(hits[0].id).toBe(3);
    expect(hits[1].score).toBeLessThan(hits[0].score / 2);
  });

  it('weights a title match above a description match (BM25F field weights)', () => {
    const index = new Bm25Index();
    index.add(1, { title: ['lamp'], description: ['brass', 'finish'] });
    index.add(2, { title: ['brass', 'lamp'], description: ['lamp'] });
    index.add(3, { title: ['vase'], description: ['brass'] });
    // 2 has "brass" in its title; 3 and 1 only in their descriptions (3's is shorter).
    const hits = index.search(['brass']).hits;
    expect(hits.map((h) => h.id)).toEqual([2, 3, 1]);
    expect(hits[0].score).toBeGreaterThan(1.5 * hits[1].score);
  });

  it('normalises length per field: a match in a short title beats one in a long title', () => {
    const index = new Bm25Index({ fields: { title: 1 } });
    index.add(1, { title: ['saw', 'blade', 'carbide', 'tipped', 'fine', 'finish'] });
    index.add(2, { title: ['saw', 'horse'] });
    expect(index.search(['saw']).hits.map((h) => h.id)).toEqual([2, 1]);
  });

  it('saturates repeated terms (k1): ten occurrences score less than ten times one', () => {
    const index = new Bm25Index({ fields: { title: 1 }, b: 0 });
    index.add(1, { title: ['tape'] });
    index.add(2, { title: Array<string>(10).fill('tape') });
    index.add(3, { title: ['glue'] });
    const [many, one] = index.search(['tape']).hits;
    expect(many.id).toBe(2);
    expect(many.score / one.score).toBeCloseTo((10 * 2.2) / 11.2 / (2.2 / 2.2), 10);
  });

  it('orders equal scores by id', () => {
    const index = new Bm25Index({ fields: { title: 1 } });
    for (const id of [5, 3, 9, 1]) index.add(id, { title: ['same'] });
    expect(index.search(['same'], { limit: 3 }).hits.map((h) => h.id)).toEqual([1, 3, 5]);
  });

  it('rejects unknown fields', () => {
    expect(() => new Bm25Index({ fields: { title: 1 } }).add(1, { colour: ['red'] })).toThrow(/unknown field/);
  });
});

describe('Bm25Index typo tolerance', () => {
  const build = () => {
    const index = new Bm25Index({ fields: { title: 1 } });
    index.add(1, { title: ['sprinkler', 'head'] });
    index.add(2, { title: ['garden', 'sprayer'] });
    index.add(3, { title: ['lawn', 'mower'] });
    index.add(4, { title: ['lawn', 'mower', 'blade'] });
    index.add(5, { title: ['mowr'] });
    return index;
  };

  it('corrects a transposition as one edit', () => {
    expect(build().search(['mwoer']).hits.map((h) => h.id)).toEqual([3, 4]);
  });

  it('allows two edits for terms of eight or more characters', () => {
    const index = build();
    expect(index.search(['sprkinler']).hits.map((h) => h.id)).toEqual([1]); // moved letter: 2 edits
    expect(index.search(['sprimklr']).hits.map((h) => h.id)).toEqual([1]); // 8 chars, 2 edits
    expect(index.search(['mwoerr']).hits).toEqual([]); // 6 chars, 2 edits: too far
  });

  it('also expands a very rare term to a more frequent neighbour, keeping the exact match first', () => {
    const hits = build().search(['mowr']).hits; // df 1, "mower" df 2
    expect(hits.map((h) => h.id)).toEqual([5, 3, 4]);
    expect(hits[1].score).toBeLessThan(hits[0].score);
  });

  it('keeps corrections in step with removals', () => {
    const index = build();
    index.remove(1);
    expect(index.search(['sprinklr']).hits).toEqual([]);
    index.add(6, { title: ['sprinkler'] });
    expect(index.search(['sprinklr']).hits.map((h) => h.id)).toEqual([6]);
  });
});

describe('Bm25Index after changes', () => {
  const docs: Array<[number, string]> = [
    [1, 'cordless drill kit'],
    [2, 'hammer drill with case'],
    [3, 'claw hammer'],
    [4, 'drill bit set for masonry'],
    [5, 'garden hose'],
  ];
  const build = (entries: Array<[number, string]>) => {
    const index = new Bm25Index({ fields: { title: 1 } });
    for (const [id, title] of entries) index.add(id, { title: title.split(' ') });
    return index;
  };
  const scores = (index: Bm25Index, query: string) => index.search(query.split(' '), { limit: 10 }).hits.map((h) => [h.id, h.score]);

  it('scores exactly like a fresh index once documents were added, removed and updated between searches', () => {
    const index = build(docs.slice(0, 3));
    scores(index, 'drill hammer'); // caches the weighted frequencies of these terms
    index.add(4, { title: docs[3][1].split(' ') });
    index.add(5, { title: docs[4][1].split(' ') });
    scores(index, 'drill hammer');
    index.remove(3);
    index.update(2, { title: 'rotary hammer drill'.split(' ') });
    const fresh = build([docs[0], [2, 'rotary hammer drill'], docs[3], docs[4]]);
    for (const query of ['drill hammer', 'drill', 'hose kit', 'masonry drill bit']) expect(scores(index, query)).toEqual(scores(fresh, query));
  });

  it('lists every match once, also when several alternatives of a term match the same document', () => {
    const index = build(docs);
    const result = index.search(['dril', 'drill'], { limit: 1, prefixLast: true });
    expect([...result.matchedIds].sort()).toEqual([1, 2, 4]);
    expect(result.matchedIds).toHaveLength(3);
  });
});

describe('Bm25Index matched terms', () => {
  const index = new Bm25Index({ fields: { title: 1 } });
  const words = Array.from({ length: 40 }, (_, i) => `w${String(i).padStart(2, '0')}x`);
  index.add(1, { title: [words[3], words[35]] });
  index.add(2, { title: [words[3], words[36]] });

  it('names every query term a hit holds, past the 32nd term too, and no term of an earlier search', () => {
    const options = { typoTolerance: false };
    expect(index.search(words, options).hits.map((h) => [h.id, h.matchedTerms])).toEqual([[1, [words[3], words[35]]], [2, [words[3], words[36]]]]);
    expect(index.search([words[3]], options).hits.map((h) => h.matchedTerms)).toEqual([[words[3]], [words[3]]]);
    // A hit the filter let through is named by this search's terms only, a filtered-out one leaves nothing behind.
    expect(index.search([words[35], words[36]], { ...options, filter: (id) => id === 2 }).hits.map((h) => [h.id, h.matchedTerms])).toEqual([[2, [words[36]]]]);
    expect(index.search([words[3]], options).hits.map((h) => h.matchedTerms)).toEqual([[words[3]], [words[3]]]);
  });
});
