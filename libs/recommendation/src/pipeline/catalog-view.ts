import { isInStock, type Product } from '@magpie/contracts';

/**
 * Read access to the in-memory catalogue. `isAvailable` and `leafCategory` are the checks every
 * candidate of every request passes (hundreds per request): the gateway's catalogue cache answers them
 * from dense arrays by id, without touching the product objects (a cache miss each).
 */
export interface CatalogView {
  byId(id: number): Product | undefined;
  /** The product exists and is in stock (`isInStock`). */
  isAvailable(id: number): boolean;
  /** The product's leaf category as a number (equal numbers for equal categories), or −1 without a category or product. */
  leafCategory(id: number): number;
}

/** Leaf category names as numbers, for `CatalogView.leafCategory`. */
export class CategoryNumbers {
  private readonly numbers = new Map<string, number>();

  /** The number of the product's leaf category, or −1. */
  leafOf(product: Product | undefined): number {
    const categories = product?.categories;
    if (!categories || categories.length === 0) return -1;
    const leaf = categories[categories.length - 1];
    let n = this.numbers.get(leaf);
    if (n === undefined) this.numbers.set(leaf, (n = this.numbers.size));
    return n;
  }
}

/** A `CatalogView` over a lookup by id (tests, offline jobs): every check reads the product. */
export function catalogViewOf(byId: (id: number) => Product | undefined): CatalogView {
  const categories = new CategoryNumbers();
  return {
    byId,
    isAvailable: (id) => {
      const product = byId(id);
      return product !== undefined && isInStock(product);
    },
    leafCategory: (id) => categories.leafOf(byId(id)),
  };
}
