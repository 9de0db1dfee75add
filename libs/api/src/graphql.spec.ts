import { notFound } from '@magpie/contracts';
import { startGateway } from './server';
import type { RunningGateway } from './server';
import { ADMIN_KEY, APP_KEY, fakeServices, memoryLogger, testConfig } from './testing/fake-services';
import { codes, postGraphQL } from './testing/graphql-client';

describe('GraphQL API over HTTP', () => {
  let gateway: RunningGateway;
  let fake: ReturnType<typeof fakeServices>;

  beforeAll(async () => {
    fake = fakeServices({
      recommendation: {
        similar: async (productId) => {
          throw notFound(`Unknown product "${productId}"`);
        },
      },
      models: {
        versions: async () => {
          throw new Error('connection to 10.0.0.7:5432 refused');
        },
      },
    });
    gateway = await startGateway({ config: testConfig(), services: fake.services, logger: memoryLogger().logger });
  });
  afterAll(() => gateway.stop());

  describe('queries', () => {
    it('maps products: external id as id, stock to inStock, attributes as JSON', async () => {
      const { status, body } = await postGraphQL(
        gateway.url,
        '{ product(id: "p2") { id title inStock stock price categories attributes } missing: product(id: "nope") { id } }',
        { key: APP_KEY },
      );
      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        product: {
          id: 'p2',
          title: 'Product p2',
          inStock: false,
          stock: 0,
          price: 12.5,
          categories: ['Beauty', 'Serums'],
          attributes: { volumeMl: 30, vegan: true },
        },
        missing: null,
      });
    });

    it('pages through products with the cursor the service returns', async () => {
      const page = `query Page($after: String) {
        products(first: 2, after: $after) { nodes { id inStock } pageInfo { endCursor hasNextPage } totalCount }
      }`;
      const first = await postGraphQL(gateway.url, page, { key: APP_KEY });
      expect(first.body.data?.['products']).toEqual({
        nodes: [{ id: 'p1', inStock: true }, { id: 'p2', inStock: false }],
        pageInfo: { endCursor: '2', hasNextPage: true },
        totalCount: 3,
      });
      const second = await postGraphQL(gateway.url, page, { key: APP_KEY, variables: { after: '2' } });
      // stock null = not tracked = in stock
      expect(second.body.data?.['products']).toEqual({
        nodes: [{ id: 'p3', inStock: true }],
        pageInfo: { endCursor: '3', hasNextPage: false },
        totalCount: 3,
      });
    });

    it('maps contract sources to enum values and passes validated arguments to the service', async () => {
      const { body } = await postGraphQL(
        gateway.url,
        '{ recommendations(userId: "u1", first: 5, filter: { category: "Serums", excludeIds: ["p9"] }) { product { id } score source reason } }',
        { key: APP_KEY },
      );
      expect(body.data?.['recommendations']).toEqual([
        { product: { id: 'p1' }, score: 0.9, source: 'COOCCURRENCE', reason: 'Bought together with Product p2' },
        { product: { id: 'p3' }, score: 0.4, source: 'POPULAR', reason: 'Popular this week' },
      ]);
      expect(fake.calls).toContainEqual(['recommendation.forUser', 'u1', { first: 5, filter: { category: 'Serums', excludeIds: ['p9'] } }]);
    });

    it('returns search hits with facets, and suggestions', async () => {
      const { body } = await postGraphQL(
        gateway.url,
        `{ search(query: "Serum") { query terms total hits { product { id } score source matchedTerms } facets { category { value count } brand { value count } } }
           suggest(prefix: "ser", first: 2) }`,
        { key: APP_KEY },
      );
      expect(body.data).toEqual({
        search: {
          query: 'Serum',
          terms: ['serum'],
          total: 1,
          hits: [{ product: { id: 'p1' }, score: 2.5, source: 'SEARCH', matchedTerms: ['serum'] }],
          facets: { category: [{ value: 'Serums', count: 1 }], brand: [{ value: 'Acme', count: 1 }] },
        },
        suggest: ['serum', 'serums'],
      });
      expect(fake.calls).toContainEqual(['search.search', { query: 'Serum', userId: undefined, filter: undefined, first: 20 }]);
    });

    it('shows jobs and model versions to admins, with enum states and ISO dates', async () => {
      const { body } = await postGraphQL(
        gateway.url,
        `{ job(id: "training:7") { id queue name state progress { fraction message figures } result failedReason attemptsMade createdAt finishedAt }
           none: job(id: "training:999") { id } }`,
        { key: ADMIN_KEY },
      );
      expect(body.data).toEqual({
        job: {
          id: 'training:7',
          queue: 'training',
          name: 'train-stats',
          state: 'COMPLETED',
          progress: { fraction: 1, message: 'done', figures: { items: 42 } },
          result: { versionId: 3 },
          failedReason: null,
          attemptsMade: 1,
          createdAt: '2026-03-01T10:00:00.000Z',
          finishedAt: '2026-03-01T10:00:05.000Z',
        },
        none: null,
      });
    });
  });

  describe('mutations', () => {
    it('records events with lower-case contract types and defaults', async () => {
      const { body } = await postGraphQL(
        gateway.url,
        `mutation { recordEvents(events: [
           { eventId: "e1", userId: "u1", type: PURCHASE, productId: "p1", timestamp: 1767225600000 },
           { userId: "u1", type: VIEW, productId: "p2", source: "COOCCURRENCE" }
         ]) { accepted duplicates } }`,
        { key: APP_KEY },
      );
      expect(body.data).toEqual({ recordEvents: { accepted: 2, duplicates: 0 } });
      const call = fake.calls.find((c) => c[0] === 'events.record');
      expect(call?.[1]).toEqual([
        { eventId: 'e1', userId: 'u1', type: 'purchase', productId: 'p1', timestamp: 1767225600000 },
        { userId: 'u1', type: 'view', productId: 'p2', source: 'COOCCURRENCE' },
      ]);
    });

    it('lets admins upsert products, retrain and forget users', async () => {
      const { body } = await postGraphQL(
        gateway.url,
        `mutation {
           upsertProducts(products: [{ id: "p7", title: "Rose Serum", price: 19.9, stock: 5, attributes: { size: "30ml" } }]) { created updated unchanged }
           retrain(kind: STATS) { id state name }
           forgetUser(userId: "u1") { events candidates }
         }`,
        { key: ADMIN_KEY },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        upsertProducts: { created: 1, updated: 0, unchanged: 0 },
        retrain: { id: 'training:7', state: 'WAITING', name: 'train-stats' },
        forgetUser: { events: 12, candidates: 4 },
      });
      expect(fake.calls.find((c) => c[0] === 'catalog.upsert')?.[1]).toEqual([
        { id: 'p7', title: 'Rose Serum', price: 19.9, stock: 5, attributes: { size: '30ml' } },
      ]);
    });

    it('lets admins retrain with options, promote a model version and roll a kind back', async () => {
      const { body } = await postGraphQL(
        gateway.url,
        `mutation {
           promoteModel(id: "12") { id kind status promotedAt metrics }
           rollbackModel(kind: SEQUENCE) { id kind status }
         }`,
        { key: ADMIN_KEY },
      );
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({
        promoteModel: { id: '12', kind: 'SEQUENCE', status: 'ACTIVE', promotedAt: '2026-03-02T00:00:00.000Z', metrics: { 'hr@10': 0.31 } },
        rollbackModel: { id: '2', kind: 'SEQUENCE', status: 'ACTIVE' },
      });
      expect(fake.calls).toContainEqual(['models.promote', 12]);
      expect(fake.calls).toContainEqual(['models.rollback', 'SEQUENCE']);
      const bad = await postGraphQL(gateway.url, 'mutation { promoteModel(id: "v1") { id } }', { key: ADMIN_KEY });
      expect(codes(bad.body)).toEqual(['BAD_USER_INPUT']);
      await postGraphQL(gateway.url, 'mutation { retrain(kind: SEQUENCE, options: { epochs: 2, kind: "gru4rec" }) { id } }', { key: ADMIN_KEY });
      expect(fake.calls).toContainEqual(['jobs.retrain', 'SEQUENCE', { epochs: 2, kind: 'gru4rec' }]);
      const notObject = await postGraphQL(gateway.url, 'mutation { retrain(kind: SEQUENCE, options: [1]) { id } }', { key: ADMIN_KEY });
      expect(codes(notObject.body)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('access', () => {
    it('answers UNAUTHENTICATED without a key or with an unknown key', async () => {
      const missing = await postGraphQL(gateway.url, '{ product(id: "p1") { id } }');
      const wrong = await postGraphQL(gateway.url, '{ product(id: "p1") { id } }', { key: 'not-a-real-key-123' });
      expect(codes(missing.body)).toEqual(['UNAUTHENTICATED']);
      expect(codes(wrong.body)).toEqual(['UNAUTHENTICATED']);
      expect(missing.body.errors?.[0]?.message).toMatch(/x-api-key/);
    });

    it('accepts the key as Authorization: Bearer', async () => {
      const { body } = await postGraphQL(gateway.url, '{ product(id: "p1") { id } }', { bearer: APP_KEY });
      expect(body.data).toEqual({ product: { id: 'p1' } });
    });

    it.each([
      ['upsertProducts', 'mutation { upsertProducts(products: [{ id: "x1", title: "X" }]) { created } }'],
      ['retrain', 'mutation { retrain(kind: STATS) { id } }'],
      ['forgetUser', 'mutation { forgetUser(userId: "u1") { events } }'],
      ['modelVersions', '{ modelVersions { id } }'],
      ['job', '{ job(id: "training:7") { id } }'],
      ['promoteModel', 'mutation { promoteModel(id: "3") { id } }'],
      ['rollbackModel', 'mutation { rollbackModel(kind: SEQUENCE) { id } }'],
    ])('gives an app key FORBIDDEN on %s and never calls the service', async (field, query) => {
      const before = fake.calls.length;
      const { body } = await postGraphQL(gateway.url, query, { key: APP_KEY });
      expect(codes(body)).toEqual(['FORBIDDEN']);
      expect(body.errors?.[0]?.path).toEqual([field]);
      expect(fake.calls.length).toBe(before);
    });

    it('lets anyone introspect the schema (GraphiQL needs it) but not read data', async () => {
      const { body } = await postGraphQL(gateway.url, '{ __schema { queryType { name } } }');
      expect(body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    });
  });

  describe('input validation', () => {
    it.each([
      ['first: 100000', '{ products(first: 100000) { totalCount } }', 'first', /at most 100/],
      ['first: 0', '{ recommendations(userId: "u1", first: 0) { score } }', 'first', /at least 1/],
      ['a 300-character query', `{ search(query: "${'x'.repeat(300)}") { total } }`, 'query', /256/],
      ['a 200-character id', `{ product(id: "${'p'.repeat(200)}") { id } }`, 'id', /128/],
      ['priceMin above priceMax', '{ products(filter: { priceMin: 10, priceMax: 5 }) { totalCount } }', 'filter.priceMax', /priceMin/],
    ])('rejects %s as BAD_USER_INPUT naming the argument', async (_label, query, argument, problem) => {
      const { body } = await postGraphQL(gateway.url, query, { key: ADMIN_KEY });
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
      expect(body.errors?.[0]?.message).toContain(`"${argument}"`);
      expect(body.errors?.[0]?.message).toMatch(problem);
    });

    it('rejects a batch over 1000 events and names the bad item in a batch', async () => {
      const events = Array.from({ length: 1001 }, (_, i) => ({ userId: `u${i}`, type: 'VIEW' }));
      const tooMany = await postGraphQL(gateway.url, 'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }', {
        key: APP_KEY,
        variables: { e: events },
      });
      expect(codes(tooMany.body)).toEqual(['BAD_USER_INPUT']);
      expect(tooMany.body.errors?.[0]?.message).toMatch(/"events": must hold at most 1000/);

      const badItem = await postGraphQL(gateway.url, 'mutation ($e: [EventInput!]!) { recordEvents(events: $e) { accepted } }', {
        key: APP_KEY,
        variables: { e: [{ userId: 'u1', type: 'VIEW' }, { userId: 'u1', type: 'VIEW', timestamp: -5 }] },
      });
      expect(badItem.body.errors?.[0]?.message).toContain('"events[1].timestamp"');
    });

    it('rejects a wrongly typed variable with BAD_USER_INPUT and HTTP 400', async () => {
      const { status, body } = await postGraphQL(gateway.url, 'query ($n: Int) { products(first: $n) { totalCount } }', {
        key: APP_KEY,
        variables: { n: 'ten' },
      });
      expect(status).toBe(400);
      expect(codes(body)).toEqual(['BAD_USER_INPUT']);
    });
  });

  describe('errors', () => {
    it('maps a service MagpieError code through (NOT_FOUND) with its message', async () => {
      const { body } = await postGraphQL(gateway.url, '{ similarItems(productId: "zz") { score } }', { key: APP_KEY });
      expect(body.errors).toEqual([{ message: 'Unknown product "zz"', path: ['similarItems'], locations: expect.any(Array), extensions: { code: 'NOT_FOUND' } }]);
    });

    it('masks an unknown service error as INTERNAL_SERVER_ERROR without leaking its message or stack', async () => {
      const { status, body } = await postGraphQL(gateway.url, '{ modelVersions { id } }', { key: ADMIN_KEY });
      expect(status).toBe(200);
      expect(codes(body)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(body.errors?.[0]?.message).toBe('Internal server error');
      const text = JSON.stringify(body);
      expect(text).not.toMatch(/10\.0\.0\.7|refused|stack|\.ts:/);
    });

    it('answers a malformed query with 400 GRAPHQL_PARSE_FAILED and an unknown field with 400 GRAPHQL_VALIDATION_FAILED', async () => {
      const parse = await postGraphQL(gateway.url, '{ product(id: "p1") { id ', { key: APP_KEY });
      expect(parse.status).toBe(400);
      expect(codes(parse.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
      const validation = await postGraphQL(gateway.url, '{ product(id: "p1") { sku } }', { key: APP_KEY });
      expect(validation.status).toBe(400);
      expect(codes(validation.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    });
  });
});

describe('query limits and logging', () => {
  let gateway: RunningGateway;
  const log = memoryLogger();

  beforeAll(async () => {
    const { services } = fakeServices({
      catalog: {
        products: async () => {
          throw new TypeError('Cannot read properties of undefined (reading "rows")');
        },
      },
    });
    gateway = await startGateway({ config: testConfig({ maxDepth: 3, maxComplexity: 200 }), services, logger: log.logger });
  });
  afterAll(() => gateway.stop());

  it('rejects a query deeper than maxDepth with QUERY_TOO_COMPLEX (HTTP 400)', async () => {
    const { status, body } = await postGraphQL(gateway.url, '{ search(query: "a") { hits { product { id } } } }', { key: APP_KEY });
    expect(status).toBe(400);
    expect(codes(body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(body.errors?.[0]?.message).toBe('Query depth 4 exceeds the limit of 3');
  });

  it('rejects a query whose cost (fields × page sizes) exceeds maxComplexity', async () => {
    // 1 + 100 × (1 + 3) = 401 > 200; the same selection with first: 20 costs 81.
    const { body } = await postGraphQL(gateway.url, '{ recommendations(userId: "u1", first: 100) { product { id } score reason } }', { key: APP_KEY });
    expect(codes(body)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(body.errors?.[0]?.message).toMatch(/cost 401 exceeds the limit of 200/);
    const fine = await postGraphQL(gateway.url, '{ recommendations(userId: "u1", first: 20) { product { id } score reason } }', { key: APP_KEY });
    expect(fine.body.errors).toBeUndefined();
  });

  it('logs a masked error in full with the request id it echoed', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': APP_KEY, 'x-request-id': 'req-42' },
      body: JSON.stringify({ query: 'query Catalogue { products { totalCount } }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('req-42');
    expect(JSON.stringify(await response.json())).not.toContain('rows');
    const entry = log.entries.find((e) => e.level === 'error' && e.fields?.['requestId'] === 'req-42');
    expect(entry?.fields?.['operation']).toBe('Catalogue');
    expect(entry?.fields?.['error']).toMatchObject({ name: 'TypeError', message: expect.stringContaining('rows'), stack: expect.any(String) });
  });
});

describe('development mode (no keys configured)', () => {
  it('lets every caller act as admin', async () => {
    const { logger, entries } = memoryLogger();
    const gateway = await startGateway({ config: testConfig({ appKeys: [], adminKeys: [] }), services: fakeServices().services, logger });
    try {
      const { body } = await postGraphQL(gateway.url, 'mutation { retrain(kind: LONGTAIL) { name } }');
      expect(body.data).toEqual({ retrain: { name: 'longtail-generate' } });
      expect(entries.some((e) => e.level === 'warn' && /auth is OFF/.test(e.message))).toBe(true);
    } finally {
      await gateway.stop();
    }
  });
});
