import { countFacets, FacetIndex } from './facets';
import { FacetTable } from './facet-table';
import { makeProduct } from './test-products';

const tools = (id: number, brand: string | null, ...categories: string[]) => makeProduct(id, `tool ${id}`, { brand, categories });

describe('FacetIndex', () => {
  const index = new FacetIndex();
  beforeAll(() => {
    index.upsert(tools(1, 'Makita', 'Tools', 'Power Tools', 'Drills'));
    index.upsert(tools(2, 'makita ', 'tools', 'Power Tools'));
    index.upsert(tools(3, 'DeWalt', 'Tools', 'Hand Tools', 'TOOLS'));
    index.upsert(tools(4, null));
  });

  it('counts distinct known products across lists, skipping unknown ids', () => {
    const { total, facets } = index.count([[1, 2, 99], Float64Array.of(2, 3, 1)], 20);
    expect(total).toBe(3);
    expect(facets.category).toEqual([
      { value: 'Tools', count: 3 },
      { value: 'Power Tools', count: 2 },
      { value: 'Drills', count: 1 },
      { value: 'Hand Tools', count: 1 },
    ]);
    expect(facets.brand).toEqual([
      { value: 'Makita', count: 2 },
      { value: 'DeWalt', count: 1 },
    ]);
  });

  it('shows a value with the first spelling met among the matches', () => {
    const { facets } = index.count([[2, 1]], 20);
    expect(facets.category).toContainEqual({ value: 'tools', count: 2 });
    expect(facets.brand).toEqual([{ value: 'makita ', count: 2 }]);
  });

  it('starts every count afresh and keeps the `size` most frequent values', () => {
    expect(index.count([[4]], 20)).toEqual({ total: 1, facets: { category: [], brand: [] } });
    expect(index.count([[]], 20).total).toBe(0);
    expect(index.count([[1, 2, 3]], 2).facets.category.map((v) => v.value)).toEqual(['Tools', 'Power Tools']);
  });

  it('forgets removed products and replaces upserted ones', () => {
    const changing = new FacetIndex();
    changing.upsert(tools(1, 'Makita', 'Drills'));
    changing.upsert(tools(2, 'Bosch', 'Saws'));
    changing.remove(2);
    changing.upsert(tools(1, 'Ryobi', 'Sanders'));
    expect(changing.count([[1, 2]], 20)).toEqual({
      total: 1,
      facets: { category: [{ value: 'Sanders', count: 1 }], brand: [{ value: 'Ryobi', count: 1 }] },
    });
  });

  it('accepts ids outside the dense range (negative, huge, fractional)', () => {
    const odd = new FacetIndex();
    for (const id of [-3, 2 ** 40, 1.5, 7]) odd.upsert(tools(id, 'Acme', 'Odd'));
    expect(odd.count([[-3, 2 ** 40, 1.5, 7, -3, 1.5, 2 ** 40, 8]], 20)).toEqual({
      total: 4,
      facets: { category: [{ value: 'Odd', count: 4 }], brand: [{ value: 'Acme', count: 4 }] },
    });
  });
});

describe('countFacets', () => {
  it('counts every product given, case-insensitively, ties alphabetical', () => {
    const facets = countFacets([tools(1, 'b', 'X'), tools(1, 'B', 'y'), tools(2, 'a', 'x', 'Y')]);
    expect(facets).toEqual({
      category: [
        { value: 'X', count: 2 },
        { value: 'y', count: 2 },
      ],
      brand: [
        { value: 'b', count: 2 },
        { value: 'a', count: 1 },
      ],
    });
  });
});

describe('FacetTable', () => {
  // Its speed against the Set it replaced is a benchmark's business (bench:search), not a timed test's.
  it('counts each of 50,000 matches of a 60,000-product catalogue once, listed twice, like a Set over product objects', () => {
    const table = new FacetTable();
    const products = new Map<number, { brand: number }>();
    for (let id = 1; id <= 60_000; id++) {
      table.set(id, { categories: [], brand: id % 7, brandSpelling: id % 7 });
      products.set(id, { brand: id % 7 });
    }
    const ids = Array.from({ length: 50_000 }, (_, i) => ((i * 7919) % 60_000) + 1);
    const counted = new Int32Array(7);
    expect(table.countDistinct([ids, ids], { category: () => undefined, brand: (key: number) => void counted[key]++ })).toBe(50_000);
    // What the engine did before: a Set of the ids, then the product object of each.
    const expected = new Int32Array(7);
    for (const id of new Set([...ids, ...ids])) expected[(products.get(id) as { brand: number }).brand]++;
    expect(Array.from(counted)).toEqual(Array.from(expected));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(50_000);
    // The stamps are per call: the same lists count the same again.
    counted.fill(0);
    table.countDistinct([ids], { category: () => undefined, brand: (key: number) => void counted[key]++ });
    expect(Array.from(counted)).toEqual(Array.from(expected));
  });
});
