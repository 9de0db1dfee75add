import type { FacetValue, Product } from '@magpie/contracts';

export interface Facets {
  category: FacetValue[];
  brand: FacetValue[];
}

/** Counts per case-folded value, shown with the first spelling seen (filters match case-insensitively too). */
class FacetCounter {
  private readonly counts = new Map<string, FacetValue>();

  add(value: string): void {
    const key = value.trim().toLowerCase();
    const entry = this.counts.get(key);
    if (entry) entry.count++;
    else this.counts.set(key, { value, count: 1 });
  }

  top(size: number): FacetValue[] {
    return [...this.counts.values()]
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
      .slice(0, size);
  }
}

/**
 * Counts matching products per category (every level of a path, each once per product) and per brand,
 * case-insensitively; keeps the `size` most frequent values of each, ties alphabetical.
 */
export function countFacets(products: Iterable<Product>, size = 20): Facets {
  const categories = new FacetCounter();
  const brands = new FacetCounter();
  for (const product of products) {
    for (const level of new Set(product.categories.map((c) => c.trim().toLowerCase()))) {
      categories.add(product.categories.find((c) => c.trim().toLowerCase() === level) ?? level);
    }
    if (product.brand) brands.add(product.brand);
  }
  return { category: categories.top(size), brand: brands.top(size) };
}
