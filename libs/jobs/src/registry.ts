import {
  JOB_LONGTAIL_FINALIZE, JOB_LONGTAIL_GENERATE, JOB_LONGTAIL_SHARD, JOB_TRAIN_ITEM_ENCODER, JOB_TRAIN_SEQUENCE, JOB_TRAIN_STATS, LongtailFinalizePayload,
  LongtailPayload, LongtailShardPayload, TrainItemEncoderPayload, TrainSequencePayload, TrainStatsPayload,
} from '@magpie/contracts';
import { JOB_TRAIN_RANKER, TrainRankerPayload } from '@magpie/contracts';
import { createRegistry, defineJob, type ProcessorRegistry } from '@magpie/queue';
import { makeGenerateLongtail, type GenerateLongtailDeps } from './generate-longtail';
import { makeLongtailFinalize, type LongtailFinalizeDeps } from './longtail/finalize';
import { GeneratorCache, loadLongtailGenerator } from './longtail/generators';
import { makeLongtailShard, type LongtailShardDeps } from './longtail/shard';
import { makeTrainItemEncoder, type TrainItemEncoderDeps } from './train-item-encoder';
import { makeTrainRanker, type TrainRankerDeps } from './train-ranker';
import { makeTrainSequence, type TrainSequenceDeps } from './train-sequence';
import { makeTrainStats, type TrainStatsDeps } from './train-stats';

export type JobDeps = TrainStatsDeps & GenerateLongtailDeps & Omit<LongtailShardDeps, 'generators'> & LongtailFinalizeDeps & TrainSequenceDeps & TrainItemEncoderDeps & TrainRankerDeps;

/** Jobs of the `training` queue. */
export const trainingJobs = (deps: JobDeps): ProcessorRegistry =>
  createRegistry(
    defineJob(JOB_TRAIN_STATS, TrainStatsPayload, makeTrainStats(deps)),
    defineJob(JOB_TRAIN_SEQUENCE, TrainSequencePayload, makeTrainSequence(deps)),
    defineJob(JOB_TRAIN_ITEM_ENCODER, TrainItemEncoderPayload, makeTrainItemEncoder(deps)),
    defineJob(JOB_TRAIN_RANKER, TrainRankerPayload, makeTrainRanker(deps)),
  );

/** Jobs of the `longtail` queue; the shard jobs of one registry (one worker process) share loaded generators. */
export const longtailJobs = (deps: JobDeps): ProcessorRegistry => {
  const generators = new GeneratorCache((version) => loadLongtailGenerator(deps.store, version, deps.computeBackend));
  return createRegistry(
    defineJob(JOB_LONGTAIL_GENERATE, LongtailPayload, makeGenerateLongtail(deps)),
    defineJob(JOB_LONGTAIL_SHARD, LongtailShardPayload, makeLongtailShard({ ...deps, generators })),
    defineJob(JOB_LONGTAIL_FINALIZE, LongtailFinalizePayload, makeLongtailFinalize(deps)),
  );
};

/** Every job, for the inline runner of the embedded mode and for validating enqueues. */
export const allJobs = (deps: JobDeps): ProcessorRegistry => new Map([...trainingJobs(deps), ...longtailJobs(deps)]);
