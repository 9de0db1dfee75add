import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { createPostgresRedisTestEnv, type PostgresRedisTestEnv } from '@magpie/runtime';
const APP_KEY = 'gateway-cluster-test-key';

const freePort = () =>
  new Promise<number>((resolvePort) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
    });
  });

const exitOf = (child: ChildProcess) => new Promise<number | null>((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code) => r(code))));

/** Asks /readyz over fresh connections until it answers (or the process is gone). */
async function waitReady(origin: string, child: ChildProcess, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    const ok = await fetch(`${origin}/readyz`, { headers: { connection: 'close' } }).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the gateway did not become ready');
}

describe('apps/gateway with MAGPIE_GATEWAY_WORKERS', () => {
  let env: PostgresRedisTestEnv;
  beforeAll(async () => {
    env = await createPostgresRedisTestEnv();
  });
  afterAll(() => env.teardown());

  const start = (env: Record<string, string>) =>
    spawn(process.execPath, [resolve(__dirname, '../../../bin/run-app.js'), 'gateway'], {
      env: { ...process.env, MAGPIE_LOG_LEVEL: 'warn', MAGPIE_APP_KEYS: APP_KEY, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });

  it('runs two processes on one port, replaces a worker that dies, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    // Info logs: each worker says when it listens.
    const child = start({ DATABASE_URL: env.databaseUrl, REDIS_URL: env.redisUrl, MAGPIE_REDIS_PREFIX: env.prefix, PORT: String(port), MAGPIE_GATEWAY_WORKERS: '2', MAGPIE_LOG_LEVEL: 'info' });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const listening = () => stderr.match(/\[gateway\] listening/g)?.length ?? 0;
    const waitUntil = async (condition: () => boolean) => {
      const deadline = Date.now() + 60_000;
      while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    };
    try {
      await waitReady(origin, child);
      // The port answers once one worker listens; killing it before the other listens would leave none.
      await waitUntil(() => listening() >= 2);
      expect(listening()).toBe(2);
      const query = async () => {
        const response = await fetch(`${origin}/graphql`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': APP_KEY, connection: 'close' },
          body: JSON.stringify({ query: '{ product(id: "none") { id } }' }),
        });
        return response.status;
      };
      expect(await Promise.all(Array.from({ length: 8 }, query))).toEqual(Array(8).fill(200));

      // Kill one worker: the primary logs it and forks a replacement; the port keeps answering.
      const workerPids = await childPids(child.pid as number);
      expect(workerPids).toHaveLength(2);
      process.kill(workerPids[0], 'SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      expect(await query()).toBe(200);
      await waitUntil(() => listening() >= 3);
      expect(listening()).toBe(3);
      expect((await childPids(child.pid as number)).filter((pid) => pid !== workerPids[0])).toHaveLength(2);
      expect(stderr).toMatch(/gateway worker died/);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exitOf(child)).toBe(0);
  }, 180_000);

  it('refuses several workers in embedded mode with a clear message', async () => {
    const child = start({ MAGPIE_GATEWAY_WORKERS: '2', MAGPIE_DATA_DIR: ':memory:', PORT: String(await freePort()) });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(child)).toBe(1);
    expect(stderr).toMatch(/MAGPIE_GATEWAY_WORKERS=2 needs DATABASE_URL and REDIS_URL/);
  }, 60_000);
});

/** Direct child processes of `pid` (from /proc). */
async function childPids(pid: number): Promise<number[]> {
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.trim().split(/\s+/).filter(Boolean).map(Number);
}
