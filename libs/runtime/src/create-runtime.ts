import type { GatewayServices } from '@magpie/api';
import { createLogger, type Logger, type MagpieConfig } from '@magpie/config';
import { QUEUES, type Source } from '@magpie/contracts';
import {
  createStore, MemoryFeedbackCounters, MemoryHistoryStore, RedisFeedbackCounters, RedisHistoryStore, type FeedbackCounters, type HistoryStore, type MagpieStore,
} from '@magpie/data';
import { allJobs, applyRetrainSchedules, RetrainTriggers, startJobWorkers, ThreadSequenceTrainer, type SequenceTrainer } from '@magpie/jobs';
import type { LoadSequenceModel } from '@magpie/ml';
import { createJobQueue, createJobSchedules, createModelEvents, createRedis, type JobQueue, type ModelEvents } from '@magpie/queue';
import { Recommender } from '@magpie/recommendation';
import { ActiveModels } from './active-models';
import { LiveSearch } from './live-search';
import { LongtailCache } from './longtail-cache';
import { CatalogCache } from './catalog-cache';
import { UserIdCache } from './user-id-cache';
import { CatalogService } from './services/catalog-service';
import { EventsService } from './services/events-service';
import { FeedbackService } from './services/feedback-service';
import { HealthService } from './services/health-service';
import { JobsService } from './services/jobs-service';
import { ModelsService } from './services/models-service';
import { PrivacyService } from './services/privacy-service';
import { RankerFeedback } from './services/ranker-feedback';
import { RecommendationService } from './services/recommendation-service';
import { SearchService } from './services/search-service';
import { personalizer } from './services/search-personalizer';

export interface RuntimeOptions {
  /** Also run BullMQ workers for every queue in this process (`magpie serve`); inline mode always runs jobs. */
  workers?: boolean;
  logger?: Logger;
  /** Sequence-model plumbing; tests swap in fakes (default: @magpie/ml, training in worker threads). */
  sequence?: { loadSequenceModel?: LoadSequenceModel; trainer?: SequenceTrainer };
}

/** Everything a gateway process holds, wired once. */
export interface Runtime {
  mode: 'embedded' | 'production';
  config: MagpieConfig;
  store: MagpieStore;
  queue: JobQueue;
  modelEvents: ModelEvents;
  history: HistoryStore;
  catalog: CatalogCache;
  search: LiveSearch;
  models: ActiveModels;
  services: GatewayServices;
  /** The new-events retrain trigger (its timer runs when `retrain.newEventsThreshold` > 0). */
  retrain: RetrainTriggers;
  close(): Promise<void>;
}

/**
 * The composition root shared by `magpie demo`, `magpie serve` and the gateway app: store, queue,
 * real-time state, catalogue cache + search index, active models, and the services behind the API.
 * With no DATABASE_URL/REDIS_URL everything is embedded (PGlite, inline jobs, memory state).
 */
export async function createRuntime(config: MagpieConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const log = options.logger ?? createLogger('runtime', config.logLevel);
  const store = await createStore(config.database, { logger: (m) => log.debug(m) });
  const modelEvents = createModelEvents(config.redis);
  const redis = config.redis.url ? createRedis(config.redis.url) : null;
  const history: HistoryStore = redis
    ? new RedisHistoryStore({ redis, prefix: config.redis.prefix, historyLength: config.recommendation.historyLength })
    : new MemoryHistoryStore({ historyLength: config.recommendation.historyLength, maxShoppers: 100_000 });
  const sequenceTrainer = options.sequence?.trainer ?? new ThreadSequenceTrainer({ backend: config.ml.backend, threads: config.ml.trainingThreads });
  const jobDeps = { store, modelEvents, sequenceTrainer, computeBackend: config.ml.backend, loadSequenceModel: options.sequence?.loadSequenceModel };
  const queue = createJobQueue({ redis: config.redis, registry: allJobs(jobDeps) });
  const workers = redis && options.workers ? startJobWorkers({ redis: config.redis, deps: jobDeps, queues: QUEUES, jobs: config.jobs }) : null;
  // Retraining by schedule (BullMQ job schedulers, or timers embedded) and by data volume (checked here; idempotent job ids).
  const schedules = createJobSchedules(config.redis, queue, (error) => log.warn(`scheduled retrain not enqueued: ${String(error)}`));
  await applyRetrainSchedules(schedules, config.retrain);
  const retrain = new RetrainTriggers({ events: store.events, versions: store.versions, queue }, config.retrain, (error) =>
    log.warn(`retrain check failed: ${String(error)}`),
  );
  retrain.start();

  const catalog = new CatalogCache(store.products);
  const search = new LiveSearch(() => catalog.all());
  catalog.onChange((changed) => {
    search.apply(changed).catch((error: unknown) => log.warn(`search index update failed: ${String(error)}`));
  });
  const loaded = await catalog.load();
  const models = new ActiveModels(store, (m) => log.info(m), {
    loadSequenceModel: options.sequence?.loadSequenceModel,
    backend: config.ml.backend,
    annThreshold: config.ml.annThreshold,
    servingThread: config.ml.servingThread,
    warn: (m) => log.warn(m),
    onSearchModel: (model) => search.use(model),
    ranker: { lr: config.recommendation.rankerOnlineLr },
  });
  await models.load();
  models.follow(modelEvents);
  const refresh = setInterval(() => {
    catalog.refresh().catch((error: unknown) => log.warn(`catalogue refresh failed: ${String(error)}`));
  }, config.gateway.catalogRefreshMs);
  refresh.unref();
  log.info('runtime ready', { database: store.driver, jobs: redis ? 'bullmq' : 'inline', products: loaded, models: models.versions() });

  const recommender = new Recommender({
    catalog, stats: () => models.stats(), anchors: config.recommendation.recentItemsForCooccurrence,
    dislike: { neighbour: config.feedback.dislikeNeighbourCut, category: config.feedback.dislikeCategoryCut },
    ranker: () => models.ranker(),
    shaping: { maxPerCategory: config.recommendation.maxPerCategory, tailShare: config.recommendation.tailShare, headShare: config.recommendation.headShare },
  });
  const counters: FeedbackCounters = redis ? new RedisFeedbackCounters({ redis, prefix: config.redis.prefix }) : new MemoryFeedbackCounters();
  const feedback = new FeedbackService(counters, { ...config.feedback, warn: (m) => log.warn(m), activeSources: () => activeBlendSources(models) });
  const userIds = new UserIdCache(store.users);
  const services: GatewayServices = {
    catalog: new CatalogService(store.products, catalog),
    events: new EventsService(store.events, history, feedback, config.recommendation.rankerOnlineLr > 0 ? new RankerFeedback(() => models.ranker()) : undefined),
    recommendation: new RecommendationService({
      recommender, users: userIds, events: store.events, longtail: new LongtailCache(store.longtail), history, catalog, models,
      historyLength: config.recommendation.historyLength, log: (m) => log.warn(m), feedback,
      contentNeighbours: (productId, k) => search.similar(productId, k),
    }),
    search: new SearchService(search, undefined, personalizer({ users: userIds, history, events: store.events, models, historyLength: config.recommendation.historyLength })),
    jobs: new JobsService(queue),
    models: new ModelsService(store.versions, modelEvents),
    privacy: new PrivacyService(store.privacy, history, (externalId) => userIds.forget(externalId)),
    feedback,
    health: new HealthService({ store, redisPing: redis ? () => redis.ping() : undefined, models, backend: () => servingBackend(models) }),
  };

  return {
    mode: redis ? 'production' : 'embedded',
    config, store, queue, modelEvents, history, catalog, search, models, services, retrain,
    close: async () => {
      clearInterval(refresh);
      models.close();
      search.close();
      await sequenceTrainer.close(); // a running training fails now (and is retried elsewhere) instead of holding up shutdown
      await retrain.stop();
      await schedules.close();
      await workers?.close();
      await queue.close();
      await modelEvents.close();
      await history.close();
      await counters.close();
      if (redis) await redis.quit();
      await store.close();
    },
  };
}

/** The blend sources the served models can fill now: statistics give co-occurrence and popular items. */
function activeBlendSources(models: ActiveModels): Source[] {
  const versions = models.versions();
  const sources: Source[] = [];
  if (versions['SEQUENCE'] != null) sources.push('sequence');
  if (versions['STATS'] != null) sources.push('cooccurrence');
  if (versions['LONGTAIL'] != null) sources.push('longtail');
  if (versions['STATS'] != null) sources.push('popular');
  return sources;
}

/** What /readyz reports as the serving compute: the TensorFlow.js backend once a sequence model is served. */
function servingBackend(models: ActiveModels): string {
  if (!models.sequence()) return 'statistics only (no sequence model yet)';
  return `tensorflow.js ${models.computeBackend() ?? 'backend chosen by the injected loader'} (sequence model served)`;
}
