import type {
  BlendStats,
  Connection,
  EventInput,
  ForgetUserResult,
  JobStatus,
  ModelKind,
  ModelVersion,
  Product,
  ProductFilter,
  ProductInput,
  RecommendedItem,
  RecordEventsResult,
  SearchResult,
  UpsertResult,
} from '@magpie/contracts';

/**
 * Everything the gateway needs from the rest of Magpie. The gateway validates arguments and
 * checks access, then calls exactly one of these methods per field. Implementations throw
 * `MagpieError` (with an `ErrorCode`) for expected failures; anything else is masked as
 * INTERNAL_SERVER_ERROR and logged.
 */
export interface GatewayServices {
  catalog: {
    /** The product with this external id, or null. */
    product(externalId: string): Promise<Product | null>;
    products(args: { filter?: ProductFilter; first: number; after?: string | null }): Promise<Connection<Product>>;
    upsert(inputs: ProductInput[]): Promise<UpsertResult>;
  };
  events: { record(inputs: EventInput[]): Promise<RecordEventsResult> };
  recommendation: {
    /** `tailShare`: least share of tail items in the list (0..1), overriding the configured one. */
    forUser(userId: string, args: { first: number; filter?: ProductFilter; tailShare?: number }): Promise<RecommendedItem[]>;
    similar(productId: string, args: { first: number }): Promise<RecommendedItem[]>;
  };
  search: {
    search(args: { query: string; userId?: string | null; filter?: ProductFilter; first: number }): Promise<SearchResult>;
    suggest(args: { prefix: string; first: number }): Promise<string[]>;
  };
  jobs: {
    /** Enqueues the training job of `kind`; `options` is its payload (checked against the job's schema). */
    retrain(kind: ModelKind, options?: Record<string, unknown>): Promise<JobStatus>;
    job(id: string): Promise<JobStatus | null>;
  };
  models: {
    versions(args: { kind?: ModelKind; first: number }): Promise<ModelVersion[]>;
    /** Activates a ready or retired version regardless of the quality gate; gateways reload. */
    promote(id: number): Promise<ModelVersion>;
    /** Re-activates the version active before the current one of `kind`; NOT_FOUND when there is none. */
    rollback(kind: ModelKind): Promise<ModelVersion>;
  };
  privacy: { forgetUser(userId: string): Promise<ForgetUserResult> };
  /** The feedback loop: impressions, clicks, click-through and current blend weight per source and model version. */
  feedback: { blendStats(): Promise<BlendStats> };
  health: { ready(): Promise<ReadinessReport> };
}

/** What `/readyz` reports: `ok` decides 200 vs 503; `checks` names each dependency's state. */
export interface ReadinessReport {
  ok: boolean;
  checks: Record<string, string>;
}
