import type { Product } from '@magpie/contracts';

const epoch = new Date(0);

/** A product with defaults for the fields a test does not care about. */
export function makeProduct(id: number, title: string, rest: Partial<Omit<Product, 'id' | 'title'>> = {}): Product {
  return {
    id,
    externalId: `p${id}`,
    title,
    description: null,
    brand: null,
    categories: [],
    price: null,
    stock: null,
    imageUrl: null,
    attributes: {},
    createdAt: epoch,
    updatedAt: epoch,
    ...rest,
  };
}
