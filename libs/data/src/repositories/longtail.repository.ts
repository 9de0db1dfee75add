import type { DataSource } from 'typeorm';
import type { LongtailCandidate, LongtailRepository } from '../ports';
import { chunk, rowsPerStatement, select, type Tables, valuesList } from '../db/sql';

const INSERT_CASTS = ['::int', '::int', '::int', '::real'] as const;

/** One row per (user, product): the highest score wins. */
function bestPerPair(rows: LongtailCandidate[]): LongtailCandidate[] {
  const best = new Map<string, LongtailCandidate>();
  for (const row of rows) {
    const key = `${row.userId}:${row.productId}`;
    const prev = best.get(key);
    if (!prev || row.score > prev.score) best.set(key, row);
  }
  return [...best.values()];
}

export class SqlLongtailRepository implements LongtailRepository {
  constructor(
    private readonly db: DataSource,
    private readonly t: Tables,
  ) {}

  /**
   * One transaction: deletes the version's candidates of `userIds` (and of any user present in
   * `rows`), then inserts `rows`. Re-running a shard therefore never duplicates.
   */
  async replace(generatorVersion: number, userIds: number[], rows: LongtailCandidate[]): Promise<void> {
    const users = [...new Set([...userIds, ...rows.map((r) => r.userId)])];
    const unique = bestPerPair(rows);
    await this.db.transaction(async (m) => {
      if (users.length > 0) {
        await m.query(`DELETE FROM ${this.t.longtail} WHERE generator_version = $1::int AND user_id = ANY($2::int[])`, [
          generatorVersion,
          users,
        ]);
      }
      for (const part of chunk(unique, rowsPerStatement(INSERT_CASTS.length))) {
        await m.query(
          `INSERT INTO ${this.t.longtail} (generator_version, user_id, product_id, score) VALUES ${valuesList(part.length, INSERT_CASTS)}`,
          part.flatMap((r) => [generatorVersion, r.userId, r.productId, r.score]),
        );
      }
    });
  }

  /** Best first. */
  async forUser(userId: number, generatorVersion: number, limit: number): Promise<LongtailCandidate[]> {
    const rows = await select<{ user_id: number; product_id: number; score: number }>(
      this.db,
      `SELECT user_id, product_id, score FROM ${this.t.longtail}
       WHERE generator_version = $1::int AND user_id = $2::int ORDER BY score DESC, product_id LIMIT $3::int`,
      [generatorVersion, userId, limit],
    );
    return rows.map((r) => ({ userId: r.user_id, productId: r.product_id, score: r.score }));
  }

  async countForVersion(generatorVersion: number): Promise<number> {
    const [{ n }] = await select<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM ${this.t.longtail} WHERE generator_version = $1::int`,
      [generatorVersion],
    );
    return n;
  }
}
