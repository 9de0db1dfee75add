import type { DataSource } from 'typeorm';
import type { UserRepository } from '../ports';
import { type Queryable, select, type Tables } from '../db/sql';

/**
 * Internal ids for external ids, inserting missing users first (INSERT ... ON CONFLICT DO NOTHING,
 * then SELECT: concurrent callers creating the same user both get its id). Arrays travel as one
 * parameter each, so the batch size is not bound by the parameter limit.
 */
export async function ensureUsers(db: Queryable, t: Tables, externalIds: string[]): Promise<Map<string, number>> {
  const unique = [...new Set(externalIds)];
  if (unique.length === 0) return new Map();
  await db.query(
    `INSERT INTO ${t.users} (external_id) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT (external_id) DO NOTHING`,
    [unique],
  );
  const rows = await select<{ id: number; external_id: string }>(
    db,
    `SELECT id, external_id FROM ${t.users} WHERE external_id = ANY($1::text[])`,
    [unique],
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}

export class SqlUserRepository implements UserRepository {
  constructor(
    private readonly db: DataSource,
    private readonly t: Tables,
  ) {}

  ensure(externalIds: string[]): Promise<Map<string, number>> {
    return this.db.transaction((m) => ensureUsers(m, this.t, externalIds));
  }

  async find(externalId: string): Promise<number | null> {
    const rows = await select<{ id: number }>(this.db, `SELECT id FROM ${this.t.users} WHERE external_id = $1`, [externalId]);
    return rows[0]?.id ?? null;
  }

  async externalIds(ids: number[]): Promise<Map<number, string>> {
    if (ids.length === 0) return new Map();
    const rows = await select<{ id: number; external_id: string }>(
      this.db,
      `SELECT id, external_id FROM ${this.t.users} WHERE id = ANY($1::int[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.external_id]));
  }

  async count(): Promise<number> {
    const [{ n }] = await select<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ${this.t.users}`);
    return n;
  }
}
