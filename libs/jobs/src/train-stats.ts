import type { TrainStatsPayload } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import type { ModelEvents, Processor } from '@magpie/queue';
import { computeStats, encodeStats } from '@magpie/recommendation';

export interface TrainStatsDeps {
  store: Pick<MagpieStore, 'events' | 'artifacts' | 'versions'>;
  modelEvents: Pick<ModelEvents, 'publish'>;
}

export interface TrainStatsResult {
  versionId: number;
  activated: boolean;
  figures: Record<string, number>;
}

/**
 * `train-stats`: reads every product event, computes time-decayed popularity and co-occurrence,
 * stores the artifact, registers a STATS version with its figures and (by default) activates it,
 * telling the gateways to reload. A failure marks the version failed and rethrows (BullMQ retries).
 */
export const makeTrainStats =
  ({ store, modelEvents }: TrainStatsDeps): Processor<TrainStatsPayload, TrainStatsResult> =>
  async (job) => {
    const options = job.data;
    const version = await store.versions.create({ kind: 'STATS', config: { ...options }, jobId: job.id });
    try {
      const total = Math.max(1, await store.events.count());
      await job.updateProgress({ fraction: 0.02, message: 'reading events', figures: { events: total } });
      const model = await computeStats(store.events.scanForTraining(10_000), options, (seen) =>
        job.updateProgress({ fraction: 0.02 + 0.8 * Math.min(1, seen / total), message: 'reading events', figures: { seen } }),
      );
      await job.updateProgress({ fraction: 0.85, message: 'storing artifact', figures: model.figures });
      const artifactId = await store.artifacts.save(`stats-v${version.id}`, encodeStats(model), { format: 'magpie-stats/1' });
      await store.versions.complete(version.id, { metrics: model.figures, artifactId });
      if (options.activate) {
        await store.versions.activate(version.id);
        await modelEvents.publish({ kind: 'STATS', versionId: version.id });
      }
      await job.updateProgress({ fraction: 1, message: 'done', figures: model.figures });
      return { versionId: version.id, activated: options.activate, figures: model.figures };
    } catch (error) {
      await store.versions.fail(version.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  };
