import type { LongtailShardPayload } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import { PermanentJobError, type Processor } from '@magpie/queue';
import { groupByUser } from '../group-by-user';
import type { GeneratorCache, Shopper } from './generators';

export interface LongtailShardDeps {
  store: Pick<MagpieStore, 'events' | 'versions' | 'longtail'>;
  generators: Pick<GeneratorCache, 'get'>;
  /** Shoppers scored and written per transaction (default 256). */
  chunkUsers?: number;
}

export interface LongtailShardResult {
  shard: number;
  users: number;
  candidates: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `longtail-shard`: the shoppers whose internal ids lie in [fromUserId, toUserId] scored by the
 * version's generator (loaded once per process), their candidates written with
 * `longtail.replace(version, shoppers, rows)`: per shopper, one transaction deletes what an earlier
 * attempt wrote and inserts the new rows, so a retried or re-run shard replaces, never duplicates
 * (the table's primary key (generator_version, user_id, product_id) rejects duplicates anyway).
 */
export const makeLongtailShard =
  ({ store, generators, chunkUsers = 256 }: LongtailShardDeps): Processor<LongtailShardPayload, LongtailShardResult> =>
  async (job) => {
    const p = job.data;
    if (p.delayMs > 0) await sleep(p.delayMs);
    const version = await store.versions.byId(p.versionId);
    if (!version || version.kind !== 'LONGTAIL') throw new PermanentJobError(`LONGTAIL version ${p.versionId} not found`);
    const generator = await generators.get(version);
    let users = 0;
    let written = 0;
    let chunk: Shopper[] = [];
    const flush = async () => {
      if (chunk.length === 0) return;
      const rows = generator.candidates(chunk, { perUser: p.perUser, headShare: p.headShare });
      await store.longtail.replace(p.versionId, chunk.map((s) => s.userId), rows);
      users += chunk.length;
      written += rows.length;
      chunk = [];
      await job.updateProgress({ fraction: 0.5, message: `shard ${p.shard + 1}/${p.shards}`, figures: { users, candidates: written } });
    };
    for await (const events of groupByUser(store.events.scanForTraining(10_000, { from: p.fromUserId, to: p.toUserId }))) {
      chunk.push({ userId: events[0].userId, events });
      if (chunk.length >= chunkUsers) await flush();
    }
    await flush();
    return { shard: p.shard, users, candidates: written };
  };
