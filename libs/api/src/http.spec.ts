import { Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import { startGateway } from './server';
import type { RunningGateway } from './server';
import { APP_KEY, fakeServices, memoryLogger, testConfig } from './testing/fake-services';
import { codes, postGraphQL } from './testing/graphql-client';
import type { GraphQLBody } from './testing/graphql-client';

describe('HTTP routes', () => {
  let gateway: RunningGateway;
  let origin: string;
  let ready = true;

  beforeAll(async () => {
    const { services } = fakeServices({
      health: {
        ready: async () => {
          if (ready) return { ok: true, checks: { database: 'ok', redis: 'ok' } };
          return { ok: false, checks: { database: 'ok', redis: 'connection refused' } };
        },
      },
    });
    const jobsWaiting = (registry: Registry) =>
      new Gauge({
        name: 'magpie_jobs_waiting',
        help: 'Jobs waiting, by queue',
        labelNames: ['queue'],
        registers: [registry],
        collect() {
          this.set({ queue: 'training' }, 5);
        },
      });
    gateway = await startGateway({
      config: testConfig(),
      services,
      logger: memoryLogger().logger,
      metrics: { collectors: [jobsWaiting] },
    });
    origin = new URL(gateway.url).origin;
  });
  afterAll(() => gateway.stop());

  it('GET /healthz answers 200 {status: ok}', async () => {
    const response = await fetch(`${origin}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 with the checks when ready and 503 when not', async () => {
    ready = true;
    const ok = await fetch(`${origin}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    ready = false;
    const failing = await fetch(`${origin}/readyz`);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({ status: 'unavailable', checks: { database: 'ok', redis: 'connection refused' } });
    ready = true;
  });

  it('GET /metrics exposes the request histogram by operation and outcome, error counts, process metrics and added collectors', async () => {
    await postGraphQL(gateway.url, 'query ProductPage { product(id: "p1") { id } }', { key: APP_KEY });
    await postGraphQL(gateway.url, 'query ProductPage { product(id: "p1") { id } }');
    const response = await fetch(`${origin}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/magpie_graphql_request_duration_seconds_count\{operation="ProductPage",outcome="ok"\} 1/);
    expect(text).toMatch(/magpie_graphql_request_duration_seconds_count\{operation="ProductPage",outcome="error"\} 1/);
    expect(text).toMatch(/magpie_graphql_errors_total\{code="UNAUTHENTICATED"\} 1/);
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('magpie_jobs_waiting{queue="training"} 5');
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE in GraphQL shape and keeps serving', async () => {
    const huge = 'x'.repeat(10 * 1024 * 1024);
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': APP_KEY },
      body: JSON.stringify({ query: `{ search(query: "${huge}") { total } }` }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as GraphQLBody;
    expect(codes(body)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(body.errors?.[0]?.message).toMatch(/limit of 2097152 bytes/);

    const next = await postGraphQL(gateway.url, '{ product(id: "p1") { id } }', { key: APP_KEY });
    expect(next.body.data).toEqual({ product: { id: 'p1' } });
  });

  it('answers a body that is not JSON with 400 in GraphQL shape', async () => {
    const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(codes((await response.json()) as GraphQLBody)).toEqual(['BAD_REQUEST']);
  });

  it('echoes a sane x-request-id on POST /graphql, replaces an unsafe one, and allows any origin', async () => {
    const post = (id: string) =>
      fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': APP_KEY, 'x-request-id': id }, body: '{"query":"{ __typename }"}' });
    const sane = await post('req-42.a:b');
    expect(sane.headers.get('x-request-id')).toBe('req-42.a:b');
    expect(sane.headers.get('access-control-allow-origin')).toBe('*');
    expect(await sane.json()).toEqual({ data: { __typename: 'Query' } });
    const unsafe = await post('<script>');
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a POST whose body is not JSON (no GraphQL runs) and one without a query', async () => {
    const text = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ __typename }' });
    expect(text.status).toBe(400);
    const empty = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(empty.status).toBe(400);
  });

  it('allows cross-origin calls with the API key header', async () => {
    const response = await fetch(gateway.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-api-key' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/x-api-key/);
  });

  describe('GraphiQL', () => {
    const page = () => fetch(gateway.url, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });

    it('serves a page for browsers whose scripts and styles are all local /assets files that exist', async () => {
      const response = await page();
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/text\/html/);
      expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
      const html = await response.text();
      expect(html).not.toMatch(/https?:\/\//);
      const urls = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(urls).toEqual([
        '/assets/graphiql.min.css',
        '/assets/react.production.min.js',
        '/assets/react-dom.production.min.js',
        '/assets/graphiql.min.js',
        '/assets/graphiql-init.js',
      ]);
      for (const url of urls) {
        const asset = await fetch(`${origin}${url}`);
        expect([url, asset.status]).toEqual([url, 200]);
        const body = await asset.text();
        expect(body.length).toBeGreaterThan(url.endsWith('init.js') ? 100 : 10_000);
        expect(asset.headers.get('content-type')).toMatch(url.endsWith('.css') ? /text\/css/ : /javascript/);
      }
    });

    it('pre-fills an example query and the x-api-key header', async () => {
      const html = await (await page()).text();
      const settings = JSON.parse(/<script id="magpie-graphiql-settings" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');
      expect(settings.query).toContain('recommendations(');
      expect(JSON.parse(settings.headers)).toHaveProperty('x-api-key');
      const init = await (await fetch(`${origin}/assets/graphiql-init.js`)).text();
      expect(init).toContain('defaultHeaders');
    });

    it('leaves non-browser GETs to Apollo and unknown assets to 404', async () => {
      const get = await fetch(`${gateway.url}?query=${encodeURIComponent('{ product(id: "p1") { id } }')}`, {
        headers: { 'x-api-key': APP_KEY, 'apollo-require-preflight': 'true' },
      });
      expect(await get.json()).toEqual({ data: { product: { id: 'p1' } } });
      expect((await fetch(`${origin}/assets/__proto__`)).status).toBe(404);
      expect((await fetch(`${origin}/assets/..%2Fpackage.json`)).status).toBe(404);
    });
  });
});

describe('lifecycle', () => {
  it('listens on a free port, runs several gateways side by side, and stops quickly with keep-alive connections open', async () => {
    const { services } = fakeServices();
    const logger = memoryLogger().logger;
    const a = await startGateway({ config: testConfig(), services, logger });
    const b = await startGateway({ config: testConfig(), services, logger });
    expect(a.port).toBeGreaterThan(0);
    expect(b.port).not.toBe(a.port);
    expect(a.url).toBe(`http://127.0.0.1:${a.port}/graphql`);
    // fetch keeps the connection alive after this request
    expect((await postGraphQL(a.url, '{ product(id: "p1") { id } }', { key: APP_KEY })).status).toBe(200);
    const started = Date.now();
    await Promise.all([a.stop(), b.stop()]);
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(fetch(`${a.url.replace('/graphql', '/healthz')}`)).rejects.toThrow();
    await a.stop(); // idempotent
  });
});
