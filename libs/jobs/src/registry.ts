import {
  JOB_LONGTAIL_GENERATE, JOB_TRAIN_ITEM_ENCODER, JOB_TRAIN_SEQUENCE, JOB_TRAIN_STATS, LongtailPayload, TrainItemEncoderPayload, TrainSequencePayload,
  TrainStatsPayload,
} from '@magpie/contracts';
import { JOB_TRAIN_RANKER, TrainRankerPayload } from '@magpie/contracts';
import { createRegistry, defineJob, type ProcessorRegistry } from '@magpie/queue';
import { makeGenerateLongtail, type GenerateLongtailDeps } from './generate-longtail';
import { makeTrainItemEncoder, type TrainItemEncoderDeps } from './train-item-encoder';
import { makeTrainRanker } from './train-ranker';
import { makeTrainSequence, type TrainSequenceDeps } from './train-sequence';
import { makeTrainStats, type TrainStatsDeps } from './train-stats';

export type JobDeps = TrainStatsDeps & GenerateLongtailDeps & TrainSequenceDeps & TrainItemEncoderDeps;

/** Jobs of the `training` queue. */
export const trainingJobs = (deps: JobDeps): ProcessorRegistry =>
  createRegistry(
    defineJob(JOB_TRAIN_STATS, TrainStatsPayload, makeTrainStats(deps)),
    defineJob(JOB_TRAIN_SEQUENCE, TrainSequencePayload, makeTrainSequence(deps)),
    defineJob(JOB_TRAIN_ITEM_ENCODER, TrainItemEncoderPayload, makeTrainItemEncoder(deps)),
    defineJob(JOB_TRAIN_RANKER, TrainRankerPayload, makeTrainRanker(deps)),
  );

/** Jobs of the `longtail` queue. */
export const longtailJobs = (deps: JobDeps): ProcessorRegistry =>
  createRegistry(defineJob(JOB_LONGTAIL_GENERATE, LongtailPayload, makeGenerateLongtail(deps)));

/** Every job, for the inline runner of the embedded mode and for validating enqueues. */
export const allJobs = (deps: JobDeps): ProcessorRegistry => new Map([...trainingJobs(deps), ...longtailJobs(deps)]);
