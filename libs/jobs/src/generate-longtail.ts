import type { LongtailPayload } from '@magpie/contracts';
import type { LongtailCandidate, MagpieStore } from '@magpie/data';
import { PermanentJobError, type ModelEvents, type Processor } from '@magpie/queue';
import { isTailItem, tailCandidates } from '@magpie/recommendation';
import { loadActiveStats } from './active-stats';
import { groupByUser } from './group-by-user';

export interface GenerateLongtailDeps {
  store: Pick<MagpieStore, 'events' | 'artifacts' | 'versions' | 'longtail' | 'users'>;
  modelEvents: Pick<ModelEvents, 'publish'>;
  /** Shoppers written per transaction. */
  chunkUsers?: number;
}

export interface GenerateLongtailResult {
  versionId: number;
  users: number;
  candidates: number;
}

/**
 * `longtail-generate`: for every shopper, tail items (outside the most popular `headShare`) that
 * neighbour their history, written to `longtail_candidates` under a new LONGTAIL version, which is
 * then activated. Writes replace per (version, shopper), so a retried job never duplicates.
 */
export const makeGenerateLongtail =
  ({ store, modelEvents, chunkUsers = 500 }: GenerateLongtailDeps): Processor<LongtailPayload, GenerateLongtailResult> =>
  async (job) => {
    const stats = await loadActiveStats(store);
    if (!stats) throw new PermanentJobError('no active STATS model: run retrain(kind: STATS) first');
    const options = job.data;
    const version = await store.versions.create({
      kind: 'LONGTAIL',
      config: { ...options, generator: 'tail-cooccurrence', statsVersion: stats.versionId },
      jobId: job.id,
    });
    try {
      const isTail = isTailItem(stats.model, options.headShare);
      const totalUsers = Math.max(1, await store.users.count());
      let users = 0;
      let written = 0;
      let chunk: { userIds: number[]; rows: LongtailCandidate[] } = { userIds: [], rows: [] };
      const flush = async () => {
        if (chunk.userIds.length === 0) return;
        await store.longtail.replace(version.id, chunk.userIds, chunk.rows);
        written += chunk.rows.length;
        chunk = { userIds: [], rows: [] };
        await job.updateProgress({ fraction: Math.min(0.99, users / totalUsers), message: 'writing candidates', figures: { users, candidates: written } });
      };
      for await (const events of groupByUser(store.events.scanForTraining(10_000))) {
        const userId = events[0].userId;
        const history = events.map((e) => ({ productId: e.productId, type: e.type, ts: e.ts }));
        const candidates = tailCandidates(history, stats.model, isTail, { limit: options.perUser, anchors: 20 });
        users++;
        chunk.userIds.push(userId);
        for (const c of candidates) chunk.rows.push({ userId, productId: c.productId, score: c.score });
        if (chunk.userIds.length >= chunkUsers) await flush();
      }
      await flush();
      const metrics = { users, candidates: written, perUserMean: users ? written / users : 0 };
      await store.versions.complete(version.id, { metrics, artifactId: null });
      await store.versions.activate(version.id);
      await modelEvents.publish({ kind: 'LONGTAIL', versionId: version.id });
      await job.updateProgress({ fraction: 1, message: 'done', figures: metrics });
      return { versionId: version.id, users, candidates: written };
    } catch (error) {
      await store.versions.fail(version.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
