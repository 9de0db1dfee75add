import { badInput, type Connection, type Product, type ProductFilter, type ProductInput, type UpsertResult } from '@magpie/contracts';
import type { ProductRepository } from '@magpie/data';
import type { CatalogCache } from '../catalog-cache';

/** Opaque cursor: the internal id of the last product of a page. */
const encodeCursor = (id: number) => Buffer.from(`p:${id}`).toString('base64url');
const decodeCursor = (cursor: string): number => {
  const match = /^p:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badInput('after: not a cursor returned by this API');
  return Number(match[1]);
};

export class CatalogService {
  constructor(
    private readonly repository: Pick<ProductRepository, 'byExternalIds' | 'list' | 'upsert'>,
    private readonly cache: Pick<CatalogCache, 'apply'>,
  ) {}

  async product(externalId: string): Promise<Product | null> {
    const [product] = await this.repository.byExternalIds([externalId]);
    return product ?? null;
  }

  async products(args: { filter?: ProductFilter; first: number; after?: string | null }): Promise<Connection<Product>> {
    const page = await this.repository.list({
      filter: args.filter,
      first: args.first,
      after: args.after ? decodeCursor(args.after) : undefined,
    });
    const last = page.items[page.items.length - 1];
    return {
      nodes: page.items,
      pageInfo: { endCursor: last ? encodeCursor(last.id) : null, hasNextPage: page.hasNextPage },
      totalCount: page.totalCount,
    };
  }

  /** Writes, then makes the change visible to this process's recommendations and search at once. */
  async upsert(inputs: ProductInput[]): Promise<UpsertResult> {
    const result = await this.repository.upsert(inputs);
    this.cache.apply(result.products);
    return { created: result.created, updated: result.updated, unchanged: result.unchanged };
  }
}
