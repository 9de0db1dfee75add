import type { DataSource } from 'typeorm';
import type { PrivacyRepository } from '../ports';
import { type Queryable, select, type Tables } from '../db/sql';

type ForgetResult = Awaited<ReturnType<PrivacyRepository['forgetUser']>>;

async function deleteCounting(db: Queryable, table: string, userId: number): Promise<number> {
  const [{ n }] = await select<{ n: number }>(
    db,
    `WITH gone AS (DELETE FROM ${table} WHERE user_id = $1::int RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [userId],
  );
  return n;
}

export class SqlPrivacyRepository implements PrivacyRepository {
  constructor(
    private readonly db: DataSource,
    private readonly t: Tables,
  ) {}

  /** One transaction: the shopper's events, long-tail candidates, then the user row. */
  forgetUser(externalId: string): Promise<ForgetResult> {
    return this.db.transaction(async (m) => {
      const [user] = await select<{ id: number }>(m, `SELECT id FROM ${this.t.users} WHERE external_id = $1 FOR UPDATE`, [
        externalId,
      ]);
      if (!user) return { events: 0, candidates: 0, userId: null };
      const events = await deleteCounting(m, this.t.events, user.id);
      const candidates = await deleteCounting(m, this.t.longtail, user.id);
      await m.query(`DELETE FROM ${this.t.users} WHERE id = $1::int`, [user.id]);
      return { events, candidates, userId: user.id };
    });
  }
}
