import { SearchEngagement } from './search-engagement';

describe('SearchEngagement', () => {
  const engagement = SearchEngagement.fromJudgments([
    { query: 'drill', productId: 'p1', relevance: 3 },
    { query: 'drill', productId: 'p1', relevance: 2 }, // same pair again: averaged, one query
    { query: 'cordless drill', productId: 'p1', relevance: 2 },
    { query: 'drill', productId: 'p2', relevance: 1 }, // judged irrelevant: engaged, gain 0
  ]);

  it('counts the distinct queries that judged each product and sums their gains (relevance − 1)', () => {
    expect(engagement.size).toBe(2);
    expect(engagement.get('p1')).toEqual({ queries: 2, gain: 1.5 + 1 });
    expect(engagement.get('p2')).toEqual({ queries: 1, gain: 0 });
    expect(engagement.get('p3')).toBeUndefined();
  });

  it('leaves out one query\'s own judgments for fitting on that query', () => {
    const others = engagement.without(new Map([['p1', 1.5], ['p2', 0]]));
    expect(others.get('p1')).toEqual({ queries: 1, gain: 1 }); // "cordless drill" alone
    expect(others.get('p2')).toBeUndefined(); // only that query judged it
    expect(engagement.without(new Map()).get('p1')).toEqual(engagement.get('p1'));
  });

  it('round-trips through its stored entries', () => {
    const restored = new SearchEngagement(JSON.parse(JSON.stringify(engagement.entries())));
    expect(restored.entries()).toEqual(engagement.entries());
    expect(SearchEngagement.NONE.size).toBe(0);
  });
});
