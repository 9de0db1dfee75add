/**
 * @magpie/data — PostgreSQL / PGlite persistence for Magpie: TypeORM entities and migrations,
 * repositories behind the ports in `ports.ts`, per-shopper history stores and feedback counters (memory, Redis), and
 * test helpers.
 */
export * from './ports';
export { createStore, type CreateStoreOptions } from './create-store';
export { IN_MEMORY } from './db/pglite';
export {
  ENTITIES, EventEntity, LongtailCandidateEntity, ModelArtifactEntity, ModelVersionEntity, ProductEntity, UserEntity,
} from './entities';
export { MIGRATIONS, InitialSchema1767225600000 } from './migrations';
export { MemoryHistoryStore, type MemoryHistoryStoreOptions } from './history/memory-history-store';
export { RedisHistoryStore, type RedisHistoryStoreOptions } from './history/redis-history-store';
export { MemoryFeedbackCounters } from './feedback/memory-feedback-counters';
export { RedisFeedbackCounters, type RedisFeedbackCountersOptions } from './feedback/redis-feedback-counters';
export { closeIdleTestDatabases, createTestDatabase, createTestStore, TEST_POSTGRES_ADMIN_URL, type TestStore, type TestStoreOptions } from './testing';
