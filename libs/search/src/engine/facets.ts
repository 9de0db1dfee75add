import type { FacetValue, Product } from '@magpie/contracts';
import { topKBy } from '@magpie/math';
import type { IdList } from '@magpie/retrieval';
import { FacetTable, type FacetSink } from './facet-table';

export interface Facets {
  category: FacetValue[];
  brand: FacetValue[];
}

/** Totals and facets over the products that matched a query. */
export interface MatchSummary {
  /** Distinct indexed products among the matches. */
  total: number;
  facets: Facets;
}

/** Interns strings as small integers, so counting touches numbers only. */
class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
}

/** Counts per interned key, remembering the spelling of the first product counted for each. */
class KeyCounts {
  private counts = new Int32Array(64);
  private spellings = new Int32Array(64);
  private readonly touched: number[] = [];

  add(key: number, spelling: number): void {
    if (key >= this.counts.length) this.grow(key + 1);
    if (this.counts[key]++ === 0) {
      this.spellings[key] = spelling;
      this.touched.push(key);
    }
  }

  /** The `size` most frequent keys as (first spelling, count), ties by spelling; then resets. */
  takeTop(size: number, spellings: readonly string[]): FacetValue[] {
    const { counts, touched } = this;
    const value = (i: number) => spellings[this.spellings[touched[i]]];
    const top = topKBy(touched.length, size, (a, b) => {
      const byCount = counts[touched[b]] - counts[touched[a]];
      if (byCount !== 0) return byCount;
      const va = value(a);
      const vb = value(b);
      return va < vb ? -1 : va > vb ? 1 : a - b;
    });
    const result = top.map((i) => ({ value: value(i), count: counts[touched[i]] }));
    for (const key of touched) counts[key] = 0;
    touched.length = 0;
    return result;
  }

  private grow(needed: number): void {
    const size = Math.max(needed, this.counts.length * 2);
    const counts = new Int32Array(size);
    counts.set(this.counts);
    const spellings = new Int32Array(size);
    spellings.set(this.spellings);
    this.counts = counts;
    this.spellings = spellings;
  }
}

const foldCase = (value: string) => value.trim().toLowerCase();

/**
 * Facet values of every indexed product, interned when the product is indexed, so that totals and
 * facets over tens of thousands of matches are counted from integers per product: no product
 * objects, no string folding, no per-match allocation at query time.
 *
 * Categories count every level of a path once per product, brands once; both case-insensitively
 * (filters match case-insensitively too). A value is shown with the first spelling met among the
 * matches, in the order they are given.
 */
export class FacetIndex {
  private readonly keys = new Interner();
  private readonly spellings = new Interner();
  private readonly byId = new FacetTable();
  private readonly categoryCounts = new KeyCounts();
  private readonly brandCounts = new KeyCounts();
  private readonly sink: FacetSink = {
    category: (key, spelling) => this.categoryCounts.add(key, spelling),
    brand: (key, spelling) => this.brandCounts.add(key, spelling),
  };

  upsert(product: Product): void {
    const categories: number[] = [];
    const levels = new Set<string>();
    for (const category of product.categories) {
      const level = foldCase(category);
      if (levels.has(level)) continue;
      levels.add(level);
      categories.push(this.keys.id(level), this.spellings.id(category));
    }
    const brand = product.brand ? this.keys.id(foldCase(product.brand)) : -1;
    const brandSpelling = product.brand ? this.spellings.id(product.brand) : -1;
    this.byId.set(product.id, { categories, brand, brandSpelling });
  }

  remove(productId: number): void {
    this.byId.delete(productId);
  }

  /** Counts the distinct indexed products among `lists` (ids unknown to the index are skipped) and their facets. */
  count(lists: readonly IdList[], size: number): MatchSummary {
    const total = this.byId.countDistinct(lists, this.sink);
    const spellings = this.spellings.values;
    return { total, facets: { category: this.categoryCounts.takeTop(size, spellings), brand: this.brandCounts.takeTop(size, spellings) } };
  }
}

/**
 * Counts matching products per category (every level of a path, each once per product) and per brand,
 * case-insensitively; keeps the `size` most frequent values of each, ties alphabetical.
 */
export function countFacets(products: Iterable<Product>, size = 20): Facets {
  const index = new FacetIndex();
  const ids: number[] = [];
  let next = 0;
  // Numbered by position, so products sharing an id are each counted, as given.
  for (const product of products) {
    index.upsert({ ...product, id: next });
    ids.push(next++);
  }
  return index.count([ids], size).facets;
}
