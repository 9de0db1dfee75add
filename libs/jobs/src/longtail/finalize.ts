import type { LongtailFinalizePayload } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import { PermanentJobError, type ModelEvents, type Processor } from '@magpie/queue';

export interface LongtailFinalizeDeps {
  store: Pick<MagpieStore, 'versions' | 'longtail'>;
  modelEvents: Pick<ModelEvents, 'publish'>;
}

export interface LongtailFinalizeResult {
  versionId: number;
  candidates: number;
}

/**
 * `longtail-finalize`, the parent of a version's shard jobs (it runs once every shard completed):
 * records the candidate count, activates the version and tells the gateways. Safe to run again.
 */
export const makeLongtailFinalize =
  ({ store, modelEvents }: LongtailFinalizeDeps): Processor<LongtailFinalizePayload, LongtailFinalizeResult> =>
  async (job) => {
    const version = await store.versions.byId(job.data.versionId);
    if (!version || version.kind !== 'LONGTAIL') throw new PermanentJobError(`LONGTAIL version ${job.data.versionId} not found`);
    const candidates = await store.longtail.countForVersion(version.id);
    await store.versions.complete(version.id, { metrics: { ...version.metrics, candidates, shards: job.data.shards }, artifactId: version.artifactId });
    await store.versions.activate(version.id);
    await modelEvents.publish({ kind: 'LONGTAIL', versionId: version.id });
    return { versionId: version.id, candidates };
  };
