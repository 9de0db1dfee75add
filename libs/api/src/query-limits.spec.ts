import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits';
import { typeDefs } from './schema';

const schema = buildSchema(typeDefs);

/** Messages of the limit rule alone for `query` under the given limits. */
const violations = (query: string, maxDepth = 50, maxComplexity = 1_000_000) =>
  validate(schema, parse(query), [queryLimitsRule({ maxDepth, maxComplexity })]).map((e) => e.message);

/** The cost the rule computes, read back from its message by setting the limit to 0. */
const costOf = (query: string) => {
  const message = violations(query, 50, 0).find((m) => m.startsWith('Query cost')) ?? '';
  return Number(/Query cost (\d+)/.exec(message)?.[1] ?? 0);
};
const depthOf = (query: string) => {
  const message = violations(query, 0).find((m) => m.startsWith('Query depth')) ?? '';
  return Number(/Query depth (\d+)/.exec(message)?.[1] ?? 0);
};

describe('queryLimitsRule', () => {
  it('counts fields times the page size of the list field above them', () => {
    // products: 1 + 20 × (nodes: 1 + 2 fields, totalCount: 1) = 1 + 20 × 4
    expect(costOf('{ products(first: 20) { nodes { id title } totalCount } }')).toBe(81);
    // nested pages multiply: search 1 + 5 × (hits 1 + product 1 + id 1)
    expect(costOf('{ search(query: "a", first: 5) { hits { product { id } } } }')).toBe(16);
  });

  it('uses the schema default when first is absent and the worst case for a variable without default', () => {
    expect(costOf('{ products { totalCount } }')).toBe(1 + 20 * 1);
    expect(costOf('query ($n: Int) { products(first: $n) { totalCount } }')).toBe(1 + 100 * 1);
    expect(costOf('query ($n: Int = 3) { products(first: $n) { totalCount } }')).toBe(1 + 3 * 1);
  });

  it('clamps page sizes to LIMITS.maxFirst so oversized pages are left to argument validation', () => {
    expect(costOf('{ products(first: 100000) { totalCount } }')).toBe(1 + 100);
  });

  it('follows named and inline fragments, counting each use', () => {
    const query = `
      query { a: product(id: "1") { ...P } b: product(id: "2") { ... on Product { id } } }
      fragment P on Product { id title brand }`;
    expect(costOf(query)).toBe(4 + 2);
    expect(depthOf(query)).toBe(2);
  });

  it('ignores introspection fields, which graphql-js bounds separately', () => {
    expect(violations('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }', 2, 1)).toEqual([]);
  });

  it('reports depth and cost with the limits in the message', () => {
    expect(violations('{ search(query: "a") { hits { product { id } } } }', 3, 10)).toEqual([
      'Query depth 4 exceeds the limit of 3',
      'Query cost 61 exceeds the limit of 10 (cost = fields × page sizes)',
    ]);
  });

  it('survives a fragment cycle (reported by graphql-js itself)', () => {
    const query = '{ product(id: "1") { ...A } } fragment A on Product { id ...B } fragment B on Product { title ...A }';
    expect(() => violations(query)).not.toThrow();
  });
});
