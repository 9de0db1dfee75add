import type {
  EventInput, EventType, ForgetUserResult, HistoryEntry, ModelKind, ModelStatus, ModelVersion, Product,
  ProductFilter, ProductInput, RecordEventsResult, UpsertResult,
} from '@magpie/contracts';

/** The interfaces the rest of Magpie codes against; PostgreSQL and PGlite implement them alike. */

export interface ProductPage {
  items: Product[];
  hasNextPage: boolean;
  totalCount: number;
}

/** Which version of a product a row holds. */
export interface ProductVersion {
  id: number;
  updatedAt: Date;
}

export interface ProductRepository {
  /** Inserts or updates by external id, in one transaction. */
  upsert(inputs: ProductInput[]): Promise<UpsertResult & { products: Product[] }>;
  byExternalIds(externalIds: string[]): Promise<Product[]>;
  byIds(ids: number[]): Promise<Product[]>;
  /** Keyset pagination on the internal id (`after` = last id of the previous page). */
  list(options: { filter?: ProductFilter; first: number; after?: number }): Promise<ProductPage>;
  /**
   * Versions (id, updated_at) of the products changed after the position `after` (updated_at, then
   * id), oldest change first: keyset pages for the catalogue sync between replicas (`id` 0 starts at a
   * time). Only the two indexed columns are read, so re-checking a window costs little; the caller
   * fetches the rows it does not hold in that version with `byIds`.
   */
  versionsSince(after: { at: Date; id: number }, limit: number): Promise<ProductVersion[]>;
  /** The database's clock now, to the millisecond: what `updated_at` is stamped with (so a replica's sync never compares two clocks). */
  clock(): Promise<Date>;
  /** The whole catalogue in id order, a page at a time. */
  scan(batchSize?: number): AsyncIterable<Product[]>;
  count(): Promise<number>;
}

export interface UserRepository {
  /** Internal ids for external ids, creating the users that do not exist yet. */
  ensure(externalIds: string[]): Promise<Map<string, number>>;
  find(externalId: string): Promise<number | null>;
  externalIds(ids: number[]): Promise<Map<number, string>>;
  count(): Promise<number>;
}

/** An event as training jobs read it (internal ids, epoch ms). */
export interface TrainingEvent {
  userId: number;
  productId: number;
  type: EventType;
  ts: number;
}

/** What the real-time path needs of one shopper, rebuilt from the events table on a cache miss. */
export interface ShopperState {
  /** Most recent product events, newest last, at most the requested length. */
  recent: HistoryEntry[];
  /** Products the shopper purchased (all time). */
  purchased: number[];
  /** Products the shopper disliked (all time). */
  disliked: number[];
}

/** A query and a product a shopper acted on after searching it, with the summed strength of those acts. */
export interface SearchPair {
  query: string;
  productId: number;
  weight: number;
}

/** A product event as `append` stored it: the history entry plus where the item was shown (feedback loop). */
export interface StoredProductEvent {
  userId: number;
  entry: HistoryEntry;
  source: string | null;
  modelVersion: string | null;
}

export interface EventRepository {
  /**
   * Appends a batch in one transaction: creates unknown users, rejects the whole batch with
   * BAD_USER_INPUT when a product id is unknown, and skips events whose `eventId` was stored
   * before (a retried batch is a no-op). Returns what was stored, newest last.
   */
  append(inputs: EventInput[]): Promise<RecordEventsResult & { stored: StoredProductEvent[] }>;
  shopperState(userId: number, historyLength: number): Promise<ShopperState>;
  /**
   * Product events (impressions excluded) ordered by user, time, id; a page at a time. `users` keeps
   * the shoppers whose internal ids lie in [from, to] (a shard of a fanned-out job).
   */
  scanForTraining(batchSize?: number, users?: { from: number; to: number }): AsyncIterable<TrainingEvent[]>;
  countSince(since: Date): Promise<number>;
  count(): Promise<number>;
  /** Query–product pairs from search events (see the implementation for weights), heaviest first. */
  searchPairs(limit: number): Promise<SearchPair[]>;
}

export interface ArtifactStore {
  save(name: string, bytes: Uint8Array, meta?: Record<string, unknown>): Promise<number>;
  load(id: number): Promise<Uint8Array>;
}

export interface ModelVersionRepository {
  create(input: { kind: ModelKind; config: Record<string, unknown>; jobId?: string | null }): Promise<ModelVersion>;
  /**
   * Marks a version ready with its metrics and artifact; `config` (optional) is merged into the
   * config recorded at `create` (e.g. facts known only after training, such as the compute backend).
   */
  complete(
    id: number,
    result: { metrics: Record<string, number>; artifactId: number | null; config?: Record<string, unknown> },
  ): Promise<ModelVersion>;
  /**
   * Records metrics, artifact and config (merged) like `complete` but leaves the version in training:
   * for jobs with more to do before the version may be promoted (the long-tail shard flow).
   */
  record(
    id: number,
    result: { metrics: Record<string, number>; artifactId: number | null; config?: Record<string, unknown> },
  ): Promise<ModelVersion>;
  fail(id: number, reason: string): Promise<void>;
  /** Makes `id` the active version of its kind, retiring the previous active one, atomically. */
  activate(id: number): Promise<ModelVersion>;
  active(kind: ModelKind): Promise<ModelVersion | null>;
  /**
   * The version of `kind` that was active before the current one: the retired version promoted
   * most recently (null when there is none). Re-activating it is a rollback.
   */
  previous(kind: ModelKind): Promise<ModelVersion | null>;
  byId(id: number): Promise<ModelVersion | null>;
  list(options: { kind?: ModelKind; status?: ModelStatus; first: number }): Promise<ModelVersion[]>;
}

export interface LongtailCandidate {
  userId: number;
  productId: number;
  score: number;
}

export interface LongtailRepository {
  /** Replaces the candidates of these users for this generator version (idempotent re-runs). */
  replace(generatorVersion: number, userIds: number[], rows: LongtailCandidate[]): Promise<void>;
  forUser(userId: number, generatorVersion: number, limit: number): Promise<LongtailCandidate[]>;
  countForVersion(generatorVersion: number): Promise<number>;
}

export interface PrivacyRepository {
  /** Removes the shopper's events, candidates and user row in one transaction. */
  forgetUser(externalId: string): Promise<ForgetUserResult & { userId: number | null }>;
}

/** Per-shopper real-time state: Redis in production, memory in embedded mode. */
export interface HistoryStore {
  /** Returns the cached state, loading it through `load` when missing. */
  get(userId: number, load: () => Promise<ShopperState>): Promise<ShopperState>;
  /** Adds fresh events to a cached state (no-op for shoppers not cached). */
  append(userId: number, entries: HistoryEntry[]): Promise<void>;
  forget(userId: number): Promise<void>;
  close(): Promise<void>;
}

/** Impressions and clicks counted for one (source, model version) pair; `modelVersion` null = no model. */
export interface FeedbackCount {
  source: string;
  modelVersion: string | null;
  impressions: number;
  clicks: number;
}

/**
 * The feedback loop's counters: Redis in production (shared by every gateway), memory in embedded mode.
 * Increments are atomic per call; a count is never lost to a concurrent increment.
 */
export interface FeedbackCounters {
  /** Adds these impressions and clicks (pairs may repeat; zero increments are fine). */
  add(increments: readonly FeedbackCount[]): Promise<void>;
  /** Every pair counted so far, sorted by source then model version (null first). */
  all(): Promise<FeedbackCount[]>;
  close(): Promise<void>;
}

/** Everything the data layer offers, from one factory. */
export interface MagpieStore {
  products: ProductRepository;
  users: UserRepository;
  events: EventRepository;
  artifacts: ArtifactStore;
  versions: ModelVersionRepository;
  longtail: LongtailRepository;
  privacy: PrivacyRepository;
  /** "postgres" or "pglite". */
  readonly driver: 'postgres' | 'pglite';
  ping(): Promise<void>;
  close(): Promise<void>;
}
