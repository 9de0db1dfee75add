import { badInput } from './errors';
import type { Product } from './domain';
import type { ProductFilter } from './views';

const folded = (value: string) => value.trim().toLowerCase();

/** Available unless stock is tracked and zero (stock null = not tracked). */
export const isInStock = (p: Product): boolean => p.stock == null || p.stock > 0;

/**
 * A predicate for a `ProductFilter`, or undefined when the filter constrains nothing.
 * category: any level of the path, case-insensitive; brand: case-insensitive; priceMin/priceMax: inclusive
 * (a product without a price fails a price bound; a non-finite bound or priceMin above priceMax throws
 * BAD_USER_INPUT); inStock: true keeps products with stock null (not
 * tracked) or > 0, false or null constrains nothing (as in the SQL of `ProductRepository.list`); excludeIds: external ids never returned.
 */
export function compileProductFilter(filter: ProductFilter | null | undefined): ((product: Product) => boolean) | undefined {
  if (!filter) return undefined;
  const checks: ((p: Product) => boolean)[] = [];
  if (filter.category != null && filter.category.trim() !== '') {
    const category = folded(filter.category);
    checks.push((p) => p.categories.some((level) => folded(level) === category));
  }
  if (filter.brand != null && filter.brand.trim() !== '') {
    const brand = folded(filter.brand);
    checks.push((p) => p.brand != null && folded(p.brand) === brand);
  }
  for (const bound of ['priceMin', 'priceMax'] as const) {
    const value = filter[bound];
    if (value != null && !Number.isFinite(value)) throw badInput(`${bound} must be a finite number`, { [bound]: value });
  }
  const { priceMin, priceMax } = filter;
  if (priceMin != null && priceMax != null && priceMin > priceMax) {
    throw badInput(`priceMin (${priceMin}) must not be above priceMax (${priceMax})`, { priceMin, priceMax });
  }
  if (priceMin != null) checks.push((p) => p.price != null && p.price >= priceMin);
  if (priceMax != null) checks.push((p) => p.price != null && p.price <= priceMax);
  if (filter.inStock) checks.push(isInStock);
  if (filter.excludeIds && filter.excludeIds.length > 0) {
    const excluded = new Set(filter.excludeIds);
    checks.push((p) => !excluded.has(p.externalId));
  }
  if (checks.length === 0) return undefined;
  return (product) => checks.every((check) => check(product));
}
