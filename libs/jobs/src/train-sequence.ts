import type { TrainSequencePayload } from '@magpie/contracts';
import type { MagpieStore } from '@magpie/data';
import { PermanentJobError, type ModelEvents, type Processor } from '@magpie/queue';
import type { EpochReport } from '@magpie/ml';
import { buildSequenceDataset, encodeSequenceArtifact } from '@magpie/recommendation';
import type { SequenceTrainer } from './sequence/sequence-trainer';
import { activateIfBetter, type ModelTrainResult } from './quality-gate';
import { ThreadSequenceTrainer } from './sequence/thread-sequence-trainer';

export interface TrainSequenceDeps {
  store: Pick<MagpieStore, 'events' | 'artifacts' | 'versions'>;
  modelEvents: Pick<ModelEvents, 'publish'>;
  /** Where training runs (default: a worker thread per run, with the @magpie/ml models). */
  sequenceTrainer?: SequenceTrainer;
}

export type TrainSequenceResult = ModelTrainResult;

/** The validation metric of the promotion gate. */
export const GATE_METRIC = 'valid ndcg@10';

/**
 * `train-sequence`: per-shopper sequences from the events table (leave-one-out: each shopper's
 * last item validates), training in a worker thread with a progress report per epoch (epoch,
 * loss, validation NDCG@10), the model + item vocabulary + config stored as one artifact, and a
 * SEQUENCE version registered with its metrics. Quality gate: the version becomes active only
 * when its validation NDCG@10 beats the active version's (or none is active, or `force`);
 * otherwise it stays `ready` for `promoteModel`. A failure or an interrupted thread marks the
 * version failed and leaves the active one alone.
 */
export const makeTrainSequence =
  ({ store, modelEvents, sequenceTrainer }: TrainSequenceDeps): Processor<TrainSequencePayload, TrainSequenceResult> => {
    const trainer = sequenceTrainer ?? new ThreadSequenceTrainer();
    return async (job) => {
      const options = job.data;
      const version = await store.versions.create({ kind: 'SEQUENCE', config: { ...options }, jobId: job.id });
      try {
        const total = Math.max(1, await store.events.count());
        await job.updateProgress({ fraction: 0.01, message: 'reading events', figures: { events: total } });
        const dataset = await buildSequenceDataset(store.events.scanForTraining(10_000), {
          maxLen: options.maxLen,
          onEvents: (seen) => job.updateProgress({ fraction: 0.01 + 0.09 * Math.min(1, seen / total), message: 'reading events', figures: { seen } }),
        });
        if (dataset.vocabulary.size < 2 || dataset.train.sequences.length === 0) {
          throw new PermanentJobError(`not enough events to train a sequence model: ${dataset.shoppers} shoppers with two or more items, ${dataset.vocabulary.size} items`);
        }
        const figures = { items: dataset.vocabulary.size, sequences: dataset.train.sequences.length, validation: dataset.valid.targets.length };
        await job.updateProgress({ fraction: 0.1, message: 'training', figures });
        const onEpoch = (r: EpochReport) =>
          job.updateProgress({
            fraction: 0.1 + 0.8 * Math.min(1, r.epoch / options.epochs),
            message: `epoch ${r.epoch}/${options.epochs}`,
            figures: { epoch: r.epoch, loss: r.loss, [GATE_METRIC]: r.valid?.['ndcg@10'] ?? 0, sequencesPerSecond: r.sequencesPerSecond },
          });
        const outcome = await trainer.train(
          {
            data: dataset.train,
            valid: dataset.valid.targets.length > 0 ? dataset.valid : null,
            config: { kind: options.kind, numItems: dataset.vocabulary.size, maxLen: options.maxLen, dim: options.dim },
            options: { epochs: options.epochs, patience: options.patience, ...(options.loss ? { loss: options.loss } : {}) },
          },
          onEpoch,
        );
        await job.updateProgress({ fraction: 0.92, message: 'storing artifact', figures });
        const best = outcome.epochs.find((e) => e.epoch === outcome.bestEpoch) ?? outcome.epochs[outcome.epochs.length - 1];
        const metrics = {
          [GATE_METRIC]: best?.valid?.['ndcg@10'] ?? 0,
          'valid hr@10': best?.valid?.['hr@10'] ?? 0,
          epochs: outcome.epochs.length,
          bestEpoch: outcome.bestEpoch,
          seconds: outcome.seconds,
          sequencesPerSecond: outcome.sequencesPerSecond,
          ...figures,
        };
        const artifact = encodeSequenceArtifact({ model: outcome.model, vocabulary: dataset.vocabulary, config: { ...outcome.config } });
        const artifactId = await store.artifacts.save(`sequence-v${version.id}`, artifact, { format: 'magpie-sequence/1', items: figures.items });
        await store.versions.complete(version.id, { metrics, artifactId, config: { backend: outcome.backend, model: outcome.config } });

        const result = await activateIfBetter({ store, modelEvents }, { kind: 'SEQUENCE', versionId: version.id, metrics, metric: GATE_METRIC, force: options.force });
        await job.updateProgress({ fraction: 1, message: result.activated ? 'done: activated' : 'done: kept the active version (not better)', figures: metrics });
        return result;
      } catch (error) {
        await store.versions.fail(version.id, error instanceof Error ? error.message : String(error));
        throw error;
      }
    };
  };
