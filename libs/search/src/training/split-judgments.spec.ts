import { splitJudgmentsByQuery } from './split-judgments';

describe('splitJudgmentsByQuery', () => {
  const judgments = Array.from({ length: 2000 }, (_, i) => ({ query: `query ${i % 400}`, productId: `${i}`, relevance: 2 }));

  it('never puts one query on both sides and holds about the given share of queries', () => {
    const { kept, held } = splitJudgmentsByQuery(judgments, 0.3, 1);
    const keptQueries = new Set(kept.map((j) => j.query));
    const heldQueries = new Set(held.map((j) => j.query));
    expect([...heldQueries].some((q) => keptQueries.has(q))).toBe(false);
    expect(kept.length + held.length).toBe(judgments.length);
    expect(heldQueries.size / 400).toBeGreaterThan(0.24);
    expect(heldQueries.size / 400).toBeLessThan(0.36);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(splitJudgmentsByQuery(judgments, 0.5, 1)).toEqual(splitJudgmentsByQuery(judgments, 0.5, 1));
    expect(splitJudgmentsByQuery(judgments, 0.5, 2).held).not.toEqual(splitJudgmentsByQuery(judgments, 0.5, 1).held);
    expect(() => splitJudgmentsByQuery(judgments, 1)).toThrow(/fraction/);
  });
});
