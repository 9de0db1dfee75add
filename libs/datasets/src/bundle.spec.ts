import { asCatalogProduct, makeProduct } from './bundle';

describe('asCatalogProduct', () => {
  it('keeps every field the dataset gives under the internal id, and fills the rest as the catalogue would', () => {
    const at = new Date(5);
    const full = asCatalogProduct({ id: 'p-9', title: 'Drill', description: 'Cordless', brand: 'Acme', categories: ['Tools'], price: 99, stock: 3, imageUrl: 'data:,', attributes: { volts: 18 } }, 7, at);
    expect(full).toEqual({
      id: 7, externalId: 'p-9', title: 'Drill', description: 'Cordless', brand: 'Acme', categories: ['Tools'], price: 99, stock: 3, imageUrl: 'data:,', attributes: { volts: 18 }, createdAt: at, updatedAt: at,
    });
    const bare = asCatalogProduct({ id: 'x', title: 'Only a title' }, 1);
    expect(bare).toMatchObject({ description: null, brand: null, categories: [], price: null, stock: null, imageUrl: null, attributes: {} });
    expect(bare.createdAt.getTime()).toBe(0);
    expect(asCatalogProduct(makeProduct('m', 'Made'), 2).title).toBe('Made');
  });
});
