import type { DataSource } from 'typeorm';
import type { Product, ProductInput, UpsertResult } from '@magpie/contracts';
import type { ProductPage, ProductRepository, ProductVersion } from '../ports';
import { chunk, rowsPerStatement, select, type Tables, valuesList } from '../db/sql';
import { productFilterSql, type ProductRow, toProduct } from './product-row';

const UPSERT_CASTS = ['', '', '', '', '::text[]', '::float8', '::int', '', '::jsonb'] as const;
const COLUMNS = 'external_id, title, description, brand, categories, price, stock, image_url, attributes';
// Millisecond timestamps round-trip exactly through JS Dates (versionsSince compares them).
const NOW_MS = `date_trunc('milliseconds', now())`;

const upsertParams = (p: ProductInput): unknown[] => [
  p.id,
  p.title,
  p.description ?? null,
  p.brand ?? null,
  p.categories ?? [],
  p.price ?? null,
  p.stock ?? null,
  p.imageUrl ?? null,
  JSON.stringify(p.attributes ?? {}),
];

/** Keeps the last input of each external id (one statement cannot update a row twice). */
function lastPerExternalId(inputs: ProductInput[]): ProductInput[] {
  const byId = new Map<string, ProductInput>();
  for (const input of inputs) {
    byId.delete(input.id);
    byId.set(input.id, input);
  }
  return [...byId.values()];
}

/** Returns rows in the order of `keys`, skipping keys with no row. */
function inOrder<K>(keys: K[], products: Product[], keyOf: (p: Product) => K): Product[] {
  const byKey = new Map(products.map((p) => [keyOf(p), p]));
  return keys.flatMap((k) => byKey.get(k) ?? []);
}

export class SqlProductRepository implements ProductRepository {
  constructor(
    private readonly db: DataSource,
    private readonly t: Tables,
  ) {}

  /** Rows whose content is unchanged are left alone (no new updated_at, not returned, counted as unchanged). */
  async upsert(inputs: ProductInput[]): Promise<UpsertResult & { products: Product[] }> {
    const unique = lastPerExternalId(inputs);
    if (unique.length === 0) return { created: 0, updated: 0, unchanged: 0, products: [] };
    return this.db.transaction(async (m) => {
      let created = 0;
      const products: Product[] = [];
      for (const part of chunk(unique, rowsPerStatement(UPSERT_CASTS.length))) {
        const values = valuesList(part.length, UPSERT_CASTS, [NOW_MS, NOW_MS]);
        const rows = await select<ProductRow & { inserted: boolean }>(
          m,
          `INSERT INTO ${this.t.products} AS p (${COLUMNS}, created_at, updated_at)
           VALUES ${values}
           ON CONFLICT (external_id) DO UPDATE SET
             title = EXCLUDED.title, description = EXCLUDED.description, brand = EXCLUDED.brand,
             categories = EXCLUDED.categories, price = EXCLUDED.price, stock = EXCLUDED.stock,
             image_url = EXCLUDED.image_url, attributes = EXCLUDED.attributes, updated_at = EXCLUDED.updated_at
           WHERE (p.title, p.description, p.brand, p.categories, p.price, p.stock, p.image_url, p.attributes)
             IS DISTINCT FROM (EXCLUDED.title, EXCLUDED.description, EXCLUDED.brand, EXCLUDED.categories,
                               EXCLUDED.price, EXCLUDED.stock, EXCLUDED.image_url, EXCLUDED.attributes)
           RETURNING p.*, (p.xmax = 0) AS inserted`,
          part.flatMap(upsertParams),
        );
        for (const row of rows) {
          if (row.inserted) created++;
          products.push(toProduct(row));
        }
      }
      const ordered = inOrder(unique.map((u) => u.id), products, (p) => p.externalId);
      return { created, updated: ordered.length - created, unchanged: unique.length - ordered.length, products: ordered };
    });
  }

  async byExternalIds(externalIds: string[]): Promise<Product[]> {
    if (externalIds.length === 0) return [];
    const rows = await select<ProductRow>(
      this.db,
      `SELECT * FROM ${this.t.products} WHERE external_id = ANY($1::text[])`,
      [externalIds],
    );
    return inOrder(externalIds, rows.map(toProduct), (p) => p.externalId);
  }

  async byIds(ids: number[]): Promise<Product[]> {
    if (ids.length === 0) return [];
    const rows = await select<ProductRow>(this.db, `SELECT * FROM ${this.t.products} WHERE id = ANY($1::int[])`, [ids]);
    return inOrder(ids, rows.map(toProduct), (p) => p.id);
  }

  async list(options: Parameters<ProductRepository['list']>[0]): Promise<ProductPage> {
    const first = Math.max(0, Math.floor(options.first));
    const params: unknown[] = [];
    const where = productFilterSql(options.filter, params);
    const countSql = `SELECT count(*)::int AS n FROM ${this.t.products}${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
    const [{ n: totalCount }] = await select<{ n: number }>(this.db, countSql, params);
    const pageParams = [...params];
    const pageWhere = [...where];
    if (options.after != null) {
      pageParams.push(options.after);
      pageWhere.push(`id > $${pageParams.length}::int`);
    }
    pageParams.push(first + 1);
    const rows = await select<ProductRow>(
      this.db,
      `SELECT * FROM ${this.t.products}${pageWhere.length ? ` WHERE ${pageWhere.join(' AND ')}` : ''}
       ORDER BY id LIMIT $${pageParams.length}::int`,
      pageParams,
    );
    return { items: rows.slice(0, first).map(toProduct), hasNextPage: rows.length > first, totalCount };
  }

  async versionsSince(after: { at: Date; id: number }, limit: number): Promise<ProductVersion[]> {
    const rows = await select<{ id: number; updated_at: Date }>(
      this.db,
      `SELECT id, updated_at FROM ${this.t.products} WHERE (updated_at, id) > ($1::timestamptz, $2::int) ORDER BY updated_at, id LIMIT $3::int`,
      [after.at, after.id, limit],
    );
    return rows.map((r) => ({ id: r.id, updatedAt: r.updated_at }));
  }

  async clock(): Promise<Date> {
    const [{ now }] = await select<{ now: Date }>(this.db, `SELECT ${NOW_MS} AS now`, []);
    return now;
  }

  async *scan(batchSize = 1000): AsyncIterable<Product[]> {
    let after = 0;
    for (;;) {
      const rows = await select<ProductRow>(
        this.db,
        `SELECT * FROM ${this.t.products} WHERE id > $1::int ORDER BY id LIMIT $2::int`,
        [after, batchSize],
      );
      if (rows.length === 0) return;
      yield rows.map(toProduct);
      if (rows.length < batchSize) return;
      after = rows[rows.length - 1].id;
    }
  }

  async count(): Promise<number> {
    const [{ n }] = await select<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ${this.t.products}`);
    return n;
  }
}
