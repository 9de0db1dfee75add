import { z } from 'zod';
import { MODEL_KINDS } from './domain';
import { JOB_TRAIN_RANKER } from './ranker-jobs';

/** Queue names (the wire names; never class names). */
export const QUEUE_TRAINING = 'training' as const;
export const QUEUE_LONGTAIL = 'longtail' as const;
export const QUEUES = [QUEUE_TRAINING, QUEUE_LONGTAIL] as const;
export type QueueName = (typeof QUEUES)[number];

/** Job names. */
export const JOB_TRAIN_STATS = 'train-stats' as const;
/** `retrain(kind: LONGTAIL)`: trains the generator, then fans out the shard flow and follows it. */
export const JOB_LONGTAIL_GENERATE = 'longtail-generate' as const;
/** One shard of shoppers (a user-id range) of a long-tail generation: writes their candidates. */
export const JOB_LONGTAIL_SHARD = 'longtail-shard' as const;
/** Parent of the shard jobs: activates the LONGTAIL version once every shard completed. */
export const JOB_LONGTAIL_FINALIZE = 'longtail-finalize' as const;
export const JOB_TRAIN_SEQUENCE = 'train-sequence' as const;
export const JOB_TRAIN_ITEM_ENCODER = 'train-item-encoder' as const;

export const TrainStatsPayload = z.object({
  /** Half-life of the time decay applied to popularity, in days. */
  halfLifeDays: z.number().positive().max(3650).default(14),
  /** Neighbours kept per item in the co-occurrence table. */
  maxNeighbours: z.number().int().min(1).max(500).default(50),
  /** Two events of one shopper co-occur when at most this many events apart. */
  window: z.number().int().min(1).max(50).default(5),
  /** Activate the new version at once (statistics have no quality gate). */
  activate: z.boolean().default(true),
});
export type TrainStatsPayload = z.infer<typeof TrainStatsPayload>;

export const LongtailPayload = z.object({
  /** Candidates stored per shopper. */
  perUser: z.number().int().min(1).max(200).default(20),
  /** Items outside the `headShare` most popular fraction of the catalogue count as tail. */
  headShare: z.number().min(0).max(0.9).default(0.2),
  /**
   * `cfgan`: a CFGAN generator trained on shoppers' interaction vectors scores every item;
   * `cooccurrence`: tail neighbours of the shopper's history in the active statistics (no training;
   * the fallback for catalogues too large for dense interaction vectors).
   */
  generator: z.enum(['cfgan', 'cooccurrence']).default('cfgan'),
  /**
   * What CFGAN is conditioned on: `sequence`, the active sequence model's user vector of a shopper's
   * history (the generator learns each shopper's next item and proposes in the model's item space);
   * `interactions`, the interaction vector (CFGAN as published); `auto` (default), `sequence` when a
   * SEQUENCE version is active, else `interactions`.
   */
  condition: z.enum(['auto', 'sequence', 'interactions']).default('auto'),
  /** Shards of shoppers (user-id ranges of equal shopper counts), one child job each. */
  shards: z.number().int().min(1).max(256).default(8),
  /** CFGAN training epochs (absent: the library's default). */
  epochs: z.number().int().min(1).max(500).optional(),
  /** CFGAN hidden units of generator and discriminator (absent: the library's default). */
  hidden: z.number().int().min(4).max(2048).optional(),
  /** Pause at the start of each shard job (tests that need a shard caught running; 0 in production). */
  shardDelayMs: z.number().int().min(0).max(60_000).default(0),
});
export type LongtailPayload = z.infer<typeof LongtailPayload>;

export const LongtailShardPayload = z.object({
  versionId: z.number().int().positive(),
  shard: z.number().int().min(0),
  shards: z.number().int().min(1),
  /** The shard's shoppers: internal user ids in [fromUserId, toUserId]. */
  fromUserId: z.number().int(),
  toUserId: z.number().int(),
  perUser: z.number().int().min(1).max(200),
  headShare: z.number().min(0).max(0.9),
  delayMs: z.number().int().min(0).max(60_000).default(0),
});
export type LongtailShardPayload = z.infer<typeof LongtailShardPayload>;

export const LongtailFinalizePayload = z.object({
  versionId: z.number().int().positive(),
  shards: z.number().int().min(1),
});
export type LongtailFinalizePayload = z.infer<typeof LongtailFinalizePayload>;

export const TrainSequencePayload = z.object({
  /** SASRec-style Transformer or GRU4Rec-style RNN. */
  kind: z.enum(['sasrec', 'gru4rec']).default('sasrec'),
  /** Most epochs to train (early stopping may end sooner). */
  epochs: z.number().int().min(1).max(500).default(20),
  /** Stop after this many epochs without a better validation NDCG@10. */
  patience: z.number().int().min(1).max(100).default(3),
  /** Longest history the model reads (the most recent items). */
  maxLen: z.number().int().min(2).max(1000).default(50),
  /** Embedding / hidden size. */
  dim: z.number().int().min(4).max(1024).default(64),
  /** Full softmax cross-entropy or sampled softmax; absent = the library's default. */
  loss: z.enum(['ce', 'sampled']).optional(),
  /** Activate the new version even when it does not beat the active one on validation NDCG@10. */
  force: z.boolean().default(false),
});
export type TrainSequencePayload = z.infer<typeof TrainSequencePayload>;

export const TrainItemEncoderPayload = z.object({
  /** Encoder epochs (the best on held-out search queries, raw or averaged, is kept, when shoppers' searches give any; as eval-search's default). */
  epochs: z.number().int().min(1).max(100).default(16),
  /** Most query–product pairs read from search events (heaviest first). */
  maxPairs: z.number().int().min(0).max(1_000_000).default(200_000),
  /** Activate the new version even when it does not beat the active one on held-out semantic NDCG@10. */
  force: z.boolean().default(false),
});
export type TrainItemEncoderPayload = z.infer<typeof TrainItemEncoderPayload>;

/** Which queue and job a `retrain(kind)` call enqueues. */
export const RETRAIN_ROUTES: Partial<Record<(typeof MODEL_KINDS)[number], { queue: QueueName; job: string }>> = {
  STATS: { queue: QUEUE_TRAINING, job: JOB_TRAIN_STATS },
  SEQUENCE: { queue: QUEUE_TRAINING, job: JOB_TRAIN_SEQUENCE },
  ITEM_ENCODER: { queue: QUEUE_TRAINING, job: JOB_TRAIN_ITEM_ENCODER },
  RANKER: { queue: QUEUE_TRAINING, job: JOB_TRAIN_RANKER },
  LONGTAIL: { queue: QUEUE_LONGTAIL, job: JOB_LONGTAIL_GENERATE },
};

export const JOB_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'unknown'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Progress a processor reports: a fraction plus an optional message and figures. */
export interface JobProgress {
  fraction: number;
  message?: string;
  figures?: Record<string, number>;
}

/** A job as `job(id)` shows it; `id` is "<queue>:<queue-local id>". */
export interface JobStatus {
  id: string;
  queue: QueueName;
  name: string;
  state: JobState;
  progress: JobProgress;
  result: unknown;
  failedReason: string | null;
  attemptsMade: number;
  createdAt: Date | null;
  finishedAt: Date | null;
}
