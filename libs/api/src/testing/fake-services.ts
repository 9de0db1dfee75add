import type { JobStatus, ModelVersion, Product } from '@magpie/contracts';
import { loadConfig } from '@magpie/config';
import type { GatewayConfig } from '@magpie/config';
import type { GatewayServices } from '../services';
import type { GatewayLogger } from '../logger';

/** Test keys (config requires at least 8 characters). */
export const APP_KEY = 'app-key-0123456789';
export const ADMIN_KEY = 'admin-key-0123456789';

export const testConfig = (overrides: Partial<GatewayConfig> = {}): GatewayConfig => ({
  ...loadConfig({}, { gateway: { host: '127.0.0.1', port: 0, appKeys: [APP_KEY], adminKeys: [ADMIN_KEY] } }).gateway,
  ...overrides,
});

export const product = (externalId: string, overrides: Partial<Product> = {}): Product => ({
  id: Number(externalId.replace(/\D/g, '')) || 1,
  externalId,
  title: `Product ${externalId}`,
  description: null,
  brand: 'Acme',
  categories: ['Beauty', 'Serums'],
  price: 12.5,
  stock: 3,
  imageUrl: null,
  attributes: { volumeMl: 30, vegan: true },
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
  ...overrides,
});

export const job = (overrides: Partial<JobStatus> = {}): JobStatus => ({
  id: 'training:7',
  queue: 'training',
  name: 'train-stats',
  state: 'completed',
  progress: { fraction: 1, message: 'done', figures: { items: 42 } },
  result: { versionId: 3 },
  failedReason: null,
  attemptsMade: 1,
  createdAt: new Date('2026-03-01T10:00:00Z'),
  finishedAt: new Date('2026-03-01T10:00:05Z'),
  ...overrides,
});

export const modelVersion = (overrides: Partial<ModelVersion> = {}): ModelVersion => ({
  id: 3,
  kind: 'STATS',
  status: 'active',
  config: { halfLifeDays: 14 },
  metrics: { 'hr@10': 0.31 },
  artifactId: null,
  jobId: 'training:7',
  createdAt: new Date('2026-03-01T10:00:05Z'),
  promotedAt: null,
  ...overrides,
});

/** A method that fails the test if a resolver calls it when it should not have. */
const unexpected = (name: string) => async (): Promise<never> => {
  throw new Error(`unexpected call to ${name}`);
};

/**
 * Plain-object services over a three-product catalogue; pass overrides per test. Every call is
 * appended to `calls` as [method, ...args] so tests can check what reached the service layer.
 */
export function fakeServices(overrides: { [K in keyof GatewayServices]?: Partial<GatewayServices[K]> } = {}) {
  const calls: Array<[string, ...unknown[]]> = [];
  const catalogue = [product('p1'), product('p2', { stock: 0 }), product('p3', { stock: null, price: null })];
  const record =
    <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) =>
    (...args: A) => {
      calls.push([name, ...args]);
      return fn(...args);
    };
  const services: GatewayServices = {
    catalog: {
      product: record('catalog.product', async (id: string) => catalogue.find((p) => p.externalId === id) ?? null),
      products: record('catalog.products', async ({ first, after }) => {
        const start = after ? Number(after) : 0;
        const nodes = catalogue.slice(start, start + first);
        const end = start + nodes.length;
        return { nodes, pageInfo: { endCursor: nodes.length ? String(end) : null, hasNextPage: end < catalogue.length }, totalCount: catalogue.length };
      }),
      upsert: record('catalog.upsert', async (inputs) => ({ created: inputs.length, updated: 0, unchanged: 0 })),
      ...overrides.catalog,
    },
    events: {
      record: record('events.record', async (inputs) => ({ accepted: inputs.length, duplicates: 0 })),
      ...overrides.events,
    },
    recommendation: {
      forUser: record('recommendation.forUser', async (_userId: string, { first }) =>
        [
          { product: catalogue[0], score: 0.9, source: 'cooccurrence' as const, modelVersion: 'STATS:1', reason: 'Bought together with Product p2' },
          { product: catalogue[2], score: 0.4, source: 'popular' as const, modelVersion: null, reason: 'Popular this week' },
        ].slice(0, first),
      ),
      similar: record('recommendation.similar', unexpected('recommendation.similar')),
      ...overrides.recommendation,
    },
    search: {
      search: record('search.search', async ({ query }) => ({
        query,
        terms: [query.toLowerCase()],
        total: 1,
        hits: [{ product: catalogue[0], score: 2.5, source: 'search' as const, matchedTerms: [query.toLowerCase()], retrievedBy: ['keyword'] }],
        facets: { category: [{ value: 'Serums', count: 1 }], brand: [{ value: 'Acme', count: 1 }] },
      })),
      suggest: record('search.suggest', async ({ prefix }) => [`${prefix}um`, `${prefix}ums`]),
      ...overrides.search,
    },
    jobs: {
      retrain: record('jobs.retrain', async (kind) => job({ state: 'waiting', name: kind === 'STATS' ? 'train-stats' : 'longtail-generate' })),
      job: record('jobs.job', async (id: string) => (id === 'training:7' ? job() : null)),
      ...overrides.jobs,
    },
    models: {
      versions: record('models.versions', async () => [modelVersion()]),
      promote: record('models.promote', async (id: number) => modelVersion({ id, kind: 'SEQUENCE', status: 'active', promotedAt: new Date('2026-03-02T00:00:00Z') })),
      rollback: record('models.rollback', async (kind) => modelVersion({ id: 2, kind, status: 'active' })),
      ...overrides.models,
    },
    privacy: {
      forgetUser: record('privacy.forgetUser', async () => ({ events: 12, candidates: 4 })),
      ...overrides.privacy,
    },
    feedback: {
      blendStats: record('feedback.blendStats', async () => ({
        bandit: true,
        floorShare: 0.05,
        sources: [{
          source: 'sequence' as const, impressions: 200, clicks: 10, ctr: 0.05, posteriorMean: 11 / 202, weight: 0.85,
          versions: [{ modelVersion: 'SEQUENCE:12', impressions: 200, clicks: 10, ctr: 0.05 }],
        }],
      })),
      ...overrides.feedback,
    },
    health: {
      ready: record('health.ready', async () => ({ ok: true, checks: { database: 'ok', redis: 'ok' } })),
      ...overrides.health,
    },
  };
  return { services, calls };
}

/** A logger that keeps entries for assertions instead of printing them. */
export function memoryLogger() {
  const entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  const logger: GatewayLogger = {
    info: (message, fields) => entries.push({ level: 'info', message, fields }),
    warn: (message, fields) => entries.push({ level: 'warn', message, fields }),
    error: (message, fields) => entries.push({ level: 'error', message, fields }),
  };
  return { logger, entries };
}
