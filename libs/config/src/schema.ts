import { resolve } from 'node:path';
import { z } from 'zod';

/** The repository root (this file is libs/config/src/schema.ts). */
const REPO_ROOT = resolve(__dirname, '../../..');

/**
 * Catalogue size from which item scoring uses the usearch HNSW index instead of exact scoring. On Home Depot
 * (54,667 products, 64 dimensions, k 100; tools/bench/semantic-index.ts) HNSW costs ~0.3–0.45 ms of CPU per
 * query against ~0.6–0.87 ms exact, with recall@10 0.99 of the exact top 10; eval-search's hybrid NDCG@10
 * 0.4606 against 0.4608 exact (the 16-epoch encoder).
 */
export const DEFAULT_ANN_THRESHOLD = 50_000;

const csv = z
  .string()
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const DatabaseConfig = z.object({
  url: z.string().url().optional().describe('PostgreSQL URL; when absent Magpie runs embedded on PGlite'),
  dataDir: z.string().default('.magpie/pglite').describe('PGlite data directory (embedded mode)'),
  schema: z.string().regex(/^[a-z_][a-z0-9_]*$/).default('public').describe('PostgreSQL schema Magpie owns'),
  logging: z.boolean().default(false).describe('Log SQL statements'),
});
export type DatabaseConfig = z.infer<typeof DatabaseConfig>;

export const RedisConfig = z.object({
  url: z.string().optional().describe('Redis URL; when absent jobs run inline and state stays in memory'),
  prefix: z.string().regex(/^[A-Za-z0-9_:-]+$/).default('magpie').describe('Prefix of every Redis key and queue'),
});
export type RedisConfig = z.infer<typeof RedisConfig>;

export const GatewayConfig = z.object({
  host: z.string().default('127.0.0.1').describe('Address the HTTP server binds'),
  port: z.number().int().min(0).max(65535).default(4000).describe('HTTP port (0 = any free port)'),
  appKeys: z.array(z.string().min(8)).default([]).describe('API keys for shopper-facing queries and recordEvents'),
  adminKeys: z.array(z.string().min(8)).default([]).describe('API keys for catalogue writes, retrain and model operations'),
  bodyLimitBytes: z.number().int().positive().default(2 * 1024 * 1024).describe('Largest accepted request body'),
  maxDepth: z.number().int().min(2).max(50).default(10).describe('Deepest accepted GraphQL selection'),
  maxComplexity: z.number().int().positive().default(5000).describe('Largest accepted query cost (fields × page sizes)'),
  catalogRefreshMs: z.number().int().min(100).default(5000).describe('How often a gateway picks up catalogue changes made elsewhere'),
  workers: z.number().int().min(1).max(64).default(1).describe('Gateway processes sharing the port (node:cluster); more than 1 needs PostgreSQL and Redis'),
});
export type GatewayConfig = z.infer<typeof GatewayConfig>;

export const RecommendationConfig = z.object({
  historyLength: z.number().int().min(1).max(1000).default(100).describe('Recent events kept per shopper for real-time serving'),
  recentItemsForCooccurrence: z.number().int().min(1).max(50).default(10).describe('History items whose neighbours become candidates'),
  tailShare: z.number().min(0).max(1).default(0).describe('Least share of each list that is tail items (outside the `headShare` most popular) when candidates have them; a request\'s `tailShare` overrides it (0 = no control)'),
  headShare: z.number().min(0).max(0.9).default(0.2).describe('The most popular fraction of items that counts as head; the rest is tail'),
  maxPerCategory: z.number().int().min(0).max(100).default(0).describe('Most items of one leaf category in a list while alternatives exist (0 = no cap)'),
  rankerOnlineLr: z.number().min(0).max(1).default(0.02).describe('Learning rate of the served ranker\'s online step per impression or click of an item it ranked (0 = no online learning)'),
});
export type RecommendationConfig = z.infer<typeof RecommendationConfig>;

export const MlConfig = z.object({
  backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto').describe('TensorFlow.js backend: auto = tfjs-node if it works, else WASM, else plain JS'),
  annThreshold: z.number().int().min(0).default(DEFAULT_ANN_THRESHOLD).describe('Catalogue size from which item scoring uses the usearch ANN index instead of exact scoring'),
  trainingThreads: z.number().int().min(1).max(64).default(2).describe('Worker threads a training job may use'),
  servingThread: z.boolean().default(true).describe('Run the served sequence model (forward pass, item scoring, prefix states) and the search model\'s semantic side (query tower, product vector index) each in a worker thread of its own, so the request thread keeps serving meanwhile (false = in the request thread, e.g. with as many gateway processes as cores)'),
});
export type MlConfig = z.infer<typeof MlConfig>;

export const JobsConfig = z.object({
  lockDurationMs: z.number().int().min(1000).default(30_000).describe('How long a running job\'s lock lasts without renewal before the job counts as stalled (BullMQ lockDuration)'),
  stalledIntervalMs: z.number().int().min(500).default(30_000).describe('How often workers move stalled jobs (of dead workers) back to waiting (BullMQ stalledInterval)'),
  longtailConcurrency: z.number().int().min(1).max(64).default(2).describe('Jobs a worker runs at once on the longtail queue (a training job waits for its shard flow while shards run)'),
});
export type JobsConfig = z.infer<typeof JobsConfig>;

export const FeedbackConfig = z.object({
  bandit: z.boolean().default(true).describe('Adapt blend weights per request by Thompson sampling over each source\'s click-through (false = the fixed default blend)'),
  floorShare: z.number().min(0).max(0.25).default(0.05).describe('Least share of the total blend weight any source gets, so none is starved'),
  priorAlpha: z.number().positive().default(1).describe('Beta prior of every source\'s click-through: prior clicks'),
  priorBeta: z.number().positive().default(1).describe('Beta prior of every source\'s click-through: prior misses'),
  sharpness: z.number().positive().max(1000).default(2).describe('Weight above the floors split ∝ draw^sharpness (1 = in proportion to the sampled click-through; large = the best draw takes it all); 2 chosen by `npm run bench:feedback` on two datasets'),
  countsRefreshMs: z.number().int().min(0).default(1000).describe('How often a gateway re-reads the impression/click counters (0 = every request)'),
  warmupImpressions: z.number().int().min(0).default(1000).describe('Requests get the fixed default blend until this many impressions were counted for their sources'),
  seed: z.number().int().optional().describe('Seed of the bandit\'s draws (tests, benchmarks); absent = seeded from the clock'),
  dislikeNeighbourCut: z.number().min(0).max(1).default(0.5).describe('Score cut for items bought or viewed together with an item the shopper disliked'),
  dislikeCategoryCut: z.number().min(0).max(1).default(0.25).describe('Score cut for items in the leaf category of an item the shopper disliked'),
});
export type FeedbackConfig = z.infer<typeof FeedbackConfig>;

export const RetrainConfig = z.object({
  kinds: z.array(z.enum(['STATS', 'SEQUENCE', 'ITEM_ENCODER', 'LONGTAIL', 'RANKER'])).default(['STATS', 'SEQUENCE']).describe('Model kinds the automatic triggers retrain'),
  scheduleCron: z.string().min(1).optional().describe('Retrain on this cron pattern (BullMQ job scheduler; needs Redis); absent = no cron schedule'),
  scheduleEveryMs: z.number().int().min(0).default(0).describe('Retrain every this many ms (BullMQ job scheduler, or a timer in embedded mode); 0 = off'),
  newEventsThreshold: z.number().int().min(0).default(0).describe('Retrain a kind once this many events arrived since its last training; 0 = off'),
  checkEveryMs: z.number().int().min(100).default(60_000).describe('How often the new-events threshold is checked'),
});
export type RetrainConfig = z.infer<typeof RetrainConfig>;

export const DatasetsConfig = z.object({
  dir: z.string().default(resolve(REPO_ROOT, '../shared/datasets')).describe('Folder holding the public datasets (default: ../shared/datasets beside the repository)'),
});
export type DatasetsConfig = z.infer<typeof DatasetsConfig>;

export const MagpieConfig = z.object({
  env: z.enum(['development', 'test', 'production']).default('development'),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  database: DatabaseConfig,
  redis: RedisConfig,
  gateway: GatewayConfig,
  recommendation: RecommendationConfig,
  ml: MlConfig,
  feedback: FeedbackConfig,
  retrain: RetrainConfig,
  jobs: JobsConfig,
  datasets: DatasetsConfig,
});
export type MagpieConfig = z.infer<typeof MagpieConfig>;

/** Environment variables → raw config shape (before validation). */
export const ENV_MAP = {
  NODE_ENV: 'env',
  MAGPIE_LOG_LEVEL: 'logLevel',
  DATABASE_URL: 'database.url',
  MAGPIE_DATA_DIR: 'database.dataDir',
  MAGPIE_DB_SCHEMA: 'database.schema',
  MAGPIE_DB_LOGGING: 'database.logging',
  REDIS_URL: 'redis.url',
  MAGPIE_REDIS_PREFIX: 'redis.prefix',
  MAGPIE_HOST: 'gateway.host',
  PORT: 'gateway.port',
  MAGPIE_APP_KEYS: 'gateway.appKeys',
  MAGPIE_ADMIN_KEYS: 'gateway.adminKeys',
  MAGPIE_BODY_LIMIT_BYTES: 'gateway.bodyLimitBytes',
  MAGPIE_MAX_DEPTH: 'gateway.maxDepth',
  MAGPIE_MAX_COMPLEXITY: 'gateway.maxComplexity',
  MAGPIE_CATALOG_REFRESH_MS: 'gateway.catalogRefreshMs',
  MAGPIE_GATEWAY_WORKERS: 'gateway.workers',
  MAGPIE_HISTORY_LENGTH: 'recommendation.historyLength',
  MAGPIE_TAIL_SHARE: 'recommendation.tailShare',
  MAGPIE_MAX_PER_CATEGORY: 'recommendation.maxPerCategory',
  MAGPIE_DATASETS_DIR: 'datasets.dir',
  MAGPIE_ML_BACKEND: 'ml.backend',
  MAGPIE_ANN_THRESHOLD: 'ml.annThreshold',
  MAGPIE_TRAINING_THREADS: 'ml.trainingThreads',
  MAGPIE_SERVING_THREAD: 'ml.servingThread',
  MAGPIE_BANDIT: 'feedback.bandit',
  MAGPIE_BANDIT_FLOOR: 'feedback.floorShare',
  MAGPIE_BANDIT_SEED: 'feedback.seed',
  MAGPIE_BANDIT_WARMUP: 'feedback.warmupImpressions',
  MAGPIE_BANDIT_SHARPNESS: 'feedback.sharpness',
  MAGPIE_RETRAIN_KINDS: 'retrain.kinds',
  MAGPIE_RETRAIN_CRON: 'retrain.scheduleCron',
  MAGPIE_RETRAIN_EVERY_MS: 'retrain.scheduleEveryMs',
  MAGPIE_RETRAIN_NEW_EVENTS: 'retrain.newEventsThreshold',
  MAGPIE_RETRAIN_CHECK_MS: 'retrain.checkEveryMs',
  MAGPIE_JOB_LOCK_MS: 'jobs.lockDurationMs',
  MAGPIE_JOB_STALLED_INTERVAL_MS: 'jobs.stalledIntervalMs',
  MAGPIE_LONGTAIL_CONCURRENCY: 'jobs.longtailConcurrency',
} as const;

export { csv };
