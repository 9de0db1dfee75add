import type { DataSource } from 'typeorm';
import { badInput, type EventInput, type EventType, type HistoryEntry } from '@magpie/contracts';
import type { EventRepository, SearchPair, ShopperState, TrainingEvent } from '../ports';
import { chunk, rowsPerStatement, select, type Tables, valuesList } from '../db/sql';
import { ensureUsers } from './user.repository';

const INSERT_CASTS = ['::int', '::int', '', '', '', '', '', '::timestamptz'] as const;
/** Product events that describe interest (training input, real-time history): not impressions. */
const INTEREST = `product_id IS NOT NULL AND type <> 'impression'`;

type AppendResult = Awaited<ReturnType<EventRepository['append']>>;

interface InsertedRow {
  id: string;
  user_id: number;
  product_id: number | null;
  type: EventType;
  source: string | null;
  model_version: string | null;
  ts: Date;
}

/** Drops inputs whose eventId repeats an earlier input of the same batch. */
function firstPerEventId(inputs: EventInput[]): EventInput[] {
  const seen = new Set<string>();
  return inputs.filter((e) => {
    if (e.eventId == null) return true;
    if (seen.has(e.eventId)) return false;
    seen.add(e.eventId);
    return true;
  });
}

export class SqlEventRepository implements EventRepository {
  constructor(
    private readonly db: DataSource,
    private readonly t: Tables,
  ) {}

  /**
   * One transaction: users are created, product ids resolved (any unknown id rejects the whole
   * batch), then one multi-row INSERT per chunk skips already stored `eventId`s
   * (ON CONFLICT DO NOTHING on the partial unique index). Events without a timestamp get the
   * time of receipt. `stored` lists the inserted product events (impressions included), oldest first.
   */
  async append(inputs: EventInput[]): Promise<AppendResult> {
    if (inputs.length === 0) return { accepted: 0, duplicates: 0, stored: [] };
    const receivedAt = Date.now();
    const unique = firstPerEventId(inputs);
    const inserted = await this.db.transaction(async (m) => {
      const productExternalIds = [...new Set(unique.flatMap((e) => (e.productId == null ? [] : [e.productId])))];
      const products = new Map<string, number>();
      if (productExternalIds.length > 0) {
        const rows = await select<{ id: number; external_id: string }>(
          m,
          `SELECT id, external_id FROM ${this.t.products} WHERE external_id = ANY($1::text[])`,
          [productExternalIds],
        );
        for (const r of rows) products.set(r.external_id, r.id);
        const unknown = productExternalIds.filter((id) => !products.has(id));
        if (unknown.length > 0) {
          const shown = unknown.slice(0, 20).join(', ');
          throw badInput(`Unknown product id${unknown.length > 1 ? 's' : ''}: ${shown}${unknown.length > 20 ? ', …' : ''}`, {
            productIds: unknown,
          });
        }
      }
      const users = await ensureUsers(m, this.t, unique.map((e) => e.userId));
      const out: InsertedRow[] = [];
      for (const part of chunk(unique, rowsPerStatement(INSERT_CASTS.length))) {
        const params = part.flatMap((e) => [
          users.get(e.userId),
          e.productId == null ? null : products.get(e.productId),
          e.type,
          e.query ?? null,
          e.source ?? null,
          e.modelVersion ?? null,
          e.eventId ?? null,
          new Date(e.timestamp ?? receivedAt),
        ]);
        const rows = await select<InsertedRow>(
          m,
          `INSERT INTO ${this.t.events} (user_id, product_id, type, query, source, model_version, client_event_id, ts)
           VALUES ${valuesList(part.length, INSERT_CASTS)}
           ON CONFLICT (client_event_id) WHERE client_event_id IS NOT NULL DO NOTHING
           RETURNING id, user_id, product_id, type, source, model_version, ts`,
          params,
        );
        out.push(...rows);
      }
      return out;
    });
    const stored = inserted
      .filter((r) => r.product_id != null)
      .sort((a, b) => a.ts.getTime() - b.ts.getTime() || Number(a.id) - Number(b.id))
      .map((r) => ({
        userId: r.user_id,
        entry: { productId: r.product_id as number, type: r.type, ts: r.ts.getTime() },
        source: r.source,
        modelVersion: r.model_version,
      }));
    return { accepted: inserted.length, duplicates: inputs.length - inserted.length, stored };
  }

  async shopperState(userId: number, historyLength: number): Promise<ShopperState> {
    const recent = await select<{ product_id: number; type: EventType; ts: Date }>(
      this.db,
      `SELECT product_id, type, ts FROM ${this.t.events}
       WHERE user_id = $1::int AND ${INTEREST}
       ORDER BY ts DESC, id DESC LIMIT $2::int`,
      [userId, historyLength],
    );
    const marked = await select<{ product_id: number; type: 'purchase' | 'dislike' }>(
      this.db,
      `SELECT product_id, type FROM ${this.t.events}
       WHERE user_id = $1::int AND product_id IS NOT NULL AND type IN ('purchase', 'dislike')
       GROUP BY product_id, type ORDER BY min(ts), product_id`,
      [userId],
    );
    return {
      recent: recent.reverse().map((r): HistoryEntry => ({ productId: r.product_id, type: r.type, ts: r.ts.getTime() })),
      purchased: marked.filter((r) => r.type === 'purchase').map((r) => r.product_id),
      disliked: marked.filter((r) => r.type === 'dislike').map((r) => r.product_id),
    };
  }

  /** Keyset pages over (user_id, ts, id); the ts cursor travels as text to keep microseconds. */
  async *scanForTraining(batchSize = 10_000, users?: { from: number; to: number }): AsyncIterable<TrainingEvent[]> {
    let cursor: [number, string, string] | null = null;
    for (;;) {
      // $1 batch size, $2–$3 the user range (when given), then the cursor.
      const params: unknown[] = users ? [batchSize, users.from, users.to] : [batchSize];
      const range = users ? ` AND user_id BETWEEN $2::int AND $3::int` : '';
      const c = params.length;
      const after = cursor ? ` AND (user_id, ts, id) > ($${c + 1}::int, $${c + 2}::timestamptz, $${c + 3}::bigint)` : '';
      const rows: { id: string; user_id: number; product_id: number; type: EventType; ts: Date; ts_key: string }[] =
        await select(
          this.db,
          `SELECT id, user_id, product_id, type, ts, ts::text AS ts_key FROM ${this.t.events}
           WHERE ${INTEREST}${range}${after}
           ORDER BY user_id, ts, id LIMIT $1::int`,
          cursor ? [...params, ...cursor] : params,
        );
      if (rows.length === 0) return;
      yield rows.map((r) => ({ userId: r.user_id, productId: r.product_id, type: r.type, ts: r.ts.getTime() }));
      if (rows.length < batchSize) return;
      const last = rows[rows.length - 1];
      cursor = [last.user_id, last.ts_key, last.id];
    }
  }

  /** Interest events (product events, impressions excluded) at or after `since`: the retraining volume. */
  async countSince(since: Date): Promise<number> {
    const [{ n }] = await select<{ n: number }>(
      this.db,
      `SELECT count(*)::int AS n FROM ${this.t.events} WHERE ts >= $1::timestamptz AND ${INTEREST}`,
      [since],
    );
    return n;
  }

  /**
   * Query–product pairs shoppers acted on after searching: events that carry both a query and a product
   * (click, cart, purchase; views and dislikes say nothing of relevance), grouped by lower-cased query and
   * product, weighted click 1, cart 2, purchase 3; heaviest first, at most `limit`.
   */
  async searchPairs(limit: number): Promise<SearchPair[]> {
    const rows = await select<{ query: string; product_id: number; weight: number }>(
      this.db,
      `SELECT lower(query) AS query, product_id, sum(CASE type WHEN 'purchase' THEN 3 WHEN 'cart' THEN 2 ELSE 1 END)::float8 AS weight
       FROM ${this.t.events}
       WHERE query IS NOT NULL AND product_id IS NOT NULL AND type IN ('click', 'cart', 'purchase')
       GROUP BY 1, 2 ORDER BY weight DESC, 1, 2 LIMIT $1::int`,
      [limit],
    );
    return rows.map((r) => ({ query: r.query, productId: r.product_id, weight: Number(r.weight) }));
  }

  /** Every stored event, impressions and non-product events included. */
  async count(): Promise<number> {
    const [{ n }] = await select<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM ${this.t.events}`);
    return n;
  }
}
