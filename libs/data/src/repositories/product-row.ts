import type { Product, ProductFilter } from '@magpie/contracts';

/** A `products` row as pg returns it. */
export interface ProductRow {
  id: number;
  external_id: string;
  title: string;
  description: string | null;
  brand: string | null;
  categories: string[];
  price: number | null;
  stock: number | null;
  image_url: string | null;
  attributes: Record<string, unknown>;
  created_at: Date;
  updated_at: Date;
}

export const toProduct = (row: ProductRow): Product => ({
  id: row.id,
  externalId: row.external_id,
  title: row.title,
  description: row.description,
  brand: row.brand,
  categories: row.categories ?? [],
  price: row.price,
  stock: row.stock,
  imageUrl: row.image_url,
  attributes: row.attributes ?? {},
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * WHERE conditions for a product filter; pushes its values onto `params`.
 * category: any level of the path, case-insensitive; brand: case-insensitive equality;
 * price bounds exclude unpriced products; inStock: true keeps untracked (null) or positive stock,
 * false/absent does not filter; excludeIds: external ids never returned.
 */
export function productFilterSql(filter: ProductFilter | undefined, params: unknown[]): string[] {
  const where: string[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (!filter) return where;
  if (filter.category != null && filter.category !== '') {
    where.push(`EXISTS (SELECT 1 FROM unnest(categories) AS c(name) WHERE lower(c.name) = lower(${param(filter.category)}))`);
  }
  if (filter.brand != null && filter.brand !== '') where.push(`lower(brand) = lower(${param(filter.brand)})`);
  if (filter.priceMin != null) where.push(`price >= ${param(filter.priceMin)}::float8`);
  if (filter.priceMax != null) where.push(`price <= ${param(filter.priceMax)}::float8`);
  if (filter.inStock === true) where.push(`(stock IS NULL OR stock > 0)`);
  if (filter.excludeIds?.length) where.push(`external_id <> ALL(${param(filter.excludeIds)}::text[])`);
  return where;
}
