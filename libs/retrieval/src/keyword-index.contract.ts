import type { KeywordIndex } from './keyword-index';

const words = (text: string) => text.split(' ').filter(Boolean);
const ids = (index: KeywordIndex, query: string, limit = 10) => index.search(words(query), { limit }).hits.map((h) => h.id);

/**
 * Behaviour every `KeywordIndex` must have. Call it from a spec file with a factory that returns an
 * empty index accepting the fields `title` and `description`, title weighted at least as much:
 * `keywordIndexContract('Bm25Index', () => new Bm25Index())`.
 */
export function keywordIndexContract(name: string, create: () => KeywordIndex): void {
  describe(`KeywordIndex contract: ${name}`, () => {
    let index: KeywordIndex;
    beforeEach(() => {
      index = create();
      index.add(1, { title: words('cordless drill kit'), description: words('drill with two batteries') });
      index.add(2, { title: words('hammer drill'), description: words('heavy masonry drill') });
      index.add(3, { title: words('claw hammer'), description: words('steel hammer') });
      index.add(4, { title: words('garden hose'), description: words('fifty feet') });
    });

    it('counts documents and document frequencies', () => {
      expect(index.size).toBe(4);
      expect(index.has(3)).toBe(true);
      expect(index.has(9)).toBe(false);
      expect(index.documentFrequency('drill')).toBe(2);
      expect(index.documentFrequency('hammer')).toBe(2);
      expect(index.documentFrequency('saw')).toBe(0);
    });

    it('keeps each result\'s matched ids until they are recycled, and answers alike with recycled storage', () => {
      const drill = index.search(['drill']);
      const hammer = index.search(['hammer']);
      expect([...drill.matchedIds].sort()).toEqual([1, 2]); // not overwritten by the later search
      expect([...hammer.matchedIds].sort()).toEqual([2, 3]);
      index.recycle?.(drill.matchedIds);
      index.recycle?.(drill.matchedIds); // twice: still one buffer
      const hose = index.search(['hose']);
      const again = index.search(['drill', 'hose']);
      expect([...hose.matchedIds]).toEqual([4]);
      expect([...again.matchedIds].sort()).toEqual([1, 2, 4]);
      expect([...hammer.matchedIds].sort()).toEqual([2, 3]);
      index.recycle?.([1, 2, 3]); // not its own: ignored
      expect([...index.search(['claw']).matchedIds]).toEqual([3]);
    });

    it('refuses to add an id twice', () => {
      expect(() => index.add(1, { title: ['x'] })).toThrow();
    });

    it('returns only documents containing a query term, best first, within the limit', () => {
      const result = index.search(['hammer'], { limit: 10 });
      expect(result.hits.map((h) => h.id).sort()).toEqual([2, 3]);
      expect([...result.matchedIds].sort()).toEqual([2, 3]);
      expect(result.hits[0].score).toBeGreaterThanOrEqual(result.hits[1].score);
      expect(index.search(['drill', 'hammer'], { limit: 1 }).hits).toHaveLength(1);
      expect(index.search(['drill', 'hammer'], { limit: 1 }).matchedIds).toHaveLength(3);
    });

    it('ranks a document matching more query terms above one matching fewer', () => {
      expect(ids(index, 'hammer drill')[0]).toBe(2);
      expect(ids(index, 'cordless drill')[0]).toBe(1);
    });

    it('reports the matched terms of each hit', () => {
      const hit = index.search(['hammer', 'drill', 'saw']).hits.find((h) => h.id === 2);
      expect(hit?.matchedTerms.sort()).toEqual(['drill', 'hammer']);
    });

    it('returns nothing for an empty query or unknown terms', () => {
      expect(index.search([]).hits).toEqual([]);
      expect(index.search(['xylophone']).hits).toEqual([]);
    });

    it('applies the filter before limiting and counting', () => {
      const result = index.search(['drill', 'hammer'], { limit: 10, filter: (id) => id !== 2 });
      expect(result.hits.map((h) => h.id).sort()).toEqual([1, 3]);
      expect([...result.matchedIds].sort()).toEqual([1, 3]);
    });

    it('forgets removed documents', () => {
      expect(index.remove(2)).toBe(true);
      expect(index.remove(2)).toBe(false);
      expect(index.size).toBe(3);
      expect(index.documentFrequency('drill')).toBe(1);
      expect(index.documentFrequency('masonry')).toBe(0);
      expect(ids(index, 'hammer drill masonry').sort()).toEqual([1, 3]);
    });

    it('replaces a document on update, and adds it when absent', () => {
      index.update(4, { title: words('garden rake') });
      expect(ids(index, 'hose')).toEqual([]);
      expect(ids(index, 'rake')).toEqual([4]);
      index.update(5, { title: words('leaf rake') });
      expect(index.size).toBe(5);
      expect(index.documentFrequency('rake')).toBe(2);
    });

    it('keeps scores identical after removing and re-adding a document', () => {
      const before = index.search(['drill']).hits;
      index.remove(1);
      index.add(1, { title: words('cordless drill kit'), description: words('drill with two batteries') });
      const after = index.search(['drill']).hits;
      expect(after.map((h) => [h.id, h.score])).toEqual(before.map((h) => [h.id, h.score]));
    });

    it('finds a misspelled term one edit away, scored below the exact spelling', () => {
      const typo = index.search(['hamer']).hits;
      expect(typo.map((h) => h.id).sort()).toEqual([2, 3]);
      expect(typo[0].matchedTerms).toEqual(['hammer']);
      const exact = index.search(['hammer']).hits;
      expect(typo[0].score).toBeLessThan(exact[0].score);
      expect(index.search(['hamer'], { typoTolerance: false }).hits).toEqual([]);
    });

    it('completes the last query term as a prefix when asked', () => {
      expect(index.search(['cordless', 'dri'], { prefixLast: true }).hits[0].id).toBe(1);
      expect(index.search(['ham'], { prefixLast: true }).hits.map((h) => h.id).sort()).toEqual([2, 3]);
      expect(index.search(['ham']).hits).toEqual([]);
    });

    it('lists completions by document frequency', () => {
      index.add(6, { title: words('hamster cage') });
      expect(index.completions('ham', 10)).toEqual([
        { term: 'hammer', documentFrequency: 2 },
        { term: 'hamster', documentFrequency: 1 },
      ]);
      expect(index.completions('ham', 1)).toHaveLength(1);
    });
  });
}
