import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { MagpieConfig } from '@magpie/config';

/** A gateway the load tool can reach, and how to stop it. */
export interface ServedGateway {
  url: string;
  stop(): Promise<void>;
}

export interface ClusterGatewayOptions {
  /** Gateway processes (MAGPIE_GATEWAY_WORKERS). */
  workers: number;
  app: string;
  admin: string;
  /** Whether a /readyz body says the process serves what the bench measures (e.g. a model version). */
  ready: (readyzBody: string) => boolean;
  /** What `ready` waits for, for the error when it never comes. */
  waitingFor: string;
  /** How long to wait for every process to be ready (default 180 s). */
  timeoutMs?: number;
}

/**
 * `apps/gateway` with `workers` processes on a free loopback port, on the database and Redis prefix of
 * `config`, once each process is ready: the production shape, started as an operator would.
 */
export async function startClusterGateway(config: MagpieConfig, options: ClusterGatewayOptions): Promise<ServedGateway> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: config.database.url, REDIS_URL: config.redis.url, MAGPIE_REDIS_PREFIX: config.redis.prefix,
    PORT: String(port), MAGPIE_HOST: '127.0.0.1', MAGPIE_GATEWAY_WORKERS: String(options.workers),
    MAGPIE_APP_KEYS: options.app, MAGPIE_ADMIN_KEYS: options.admin, MAGPIE_LOG_LEVEL: 'warn',
    MAGPIE_ANN_THRESHOLD: String(config.ml.annThreshold),
  };
  const child = spawn(process.execPath, [resolve(__dirname, '../../bin/run-app.js'), 'gateway'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}/graphql`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitUntilReady(url, child, options);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** Polls /readyz over fresh connections until `workers × 4` answers in a row are ready (each connection may reach another process). */
async function waitUntilReady(url: string, child: ChildProcess, options: ClusterGatewayOptions): Promise<void> {
  const readyz = new URL('/readyz', url).toString();
  const timeoutMs = options.timeoutMs ?? 180_000;
  const deadline = Date.now() + timeoutMs;
  let streak = 0;
  while (streak < options.workers * 4) {
    if (child.exitCode !== null) throw new Error(`the gateway exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error(`the gateway was not ready (${options.waitingFor}) within ${timeoutMs / 1000} s`);
    const body = await fetch(readyz, { headers: { connection: 'close' } }).then((r) => r.text(), () => '');
    streak = options.ready(body) ? streak + 1 : 0;
    if (streak === 0) await new Promise((r) => setTimeout(r, 250));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
