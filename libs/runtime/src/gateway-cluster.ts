import cluster, { type Worker } from 'node:cluster';
import type { Logger, MagpieConfig } from '@magpie/config';

export interface GatewayClusterOptions {
  workers: number;
  log: Logger;
  /** A worker that dies on its own is replaced, unless this many died within `crashWindowMs` (then the primary gives up). */
  maxCrashes?: number;
  crashWindowMs?: number;
  /** On SIGTERM/SIGINT, how long workers may take to drain before they are killed (default 10 s). */
  stopTimeoutMs?: number;
}

/** Why this configuration cannot run several gateway processes, or null when it can. */
export function clusterProblem(config: MagpieConfig): string | null {
  if (config.gateway.workers <= 1) return null;
  if (!config.database.url || !config.redis.url) {
    return `MAGPIE_GATEWAY_WORKERS=${config.gateway.workers} needs DATABASE_URL and REDIS_URL: in embedded mode the data and shopper histories live in one process`;
  }
  if (config.gateway.port === 0) return 'MAGPIE_GATEWAY_WORKERS > 1 needs a fixed PORT (the workers share it)';
  return null;
}

/**
 * The primary of a multi-process gateway (node:cluster): forks `workers` processes that run this same
 * entry point and share its port (connections handed out round-robin), replaces a worker that dies,
 * and on SIGTERM/SIGINT asks every worker to stop (each drains its requests) before exiting.
 * Workers are independent gateways: state they share lives in PostgreSQL and Redis, and model
 * promotions reach each of them through Redis pub/sub.
 */
export function superviseGatewayWorkers(options: GatewayClusterOptions): void {
  const { log } = options;
  const maxCrashes = options.maxCrashes ?? 5;
  const crashWindowMs = options.crashWindowMs ?? 30_000;
  let stopping = false;
  let exitCode = 0;
  let crashes: number[] = [];

  const fork = (): Worker => cluster.fork();
  cluster.on('online', (worker) => log.info('gateway worker started', { pid: worker.process.pid }));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const now = Date.now();
    crashes = [...crashes.filter((at) => now - at < crashWindowMs), now];
    log.error('gateway worker died', { pid: worker.process.pid, code, signal, recentCrashes: crashes.length });
    if (crashes.length >= maxCrashes) {
      log.error(`${crashes.length} gateway workers died within ${crashWindowMs} ms; giving up`);
      stop(1);
      return;
    }
    fork();
  });

  const stop = (code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(exitCode);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of workers) if (!worker.isDead()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, options.stopTimeoutMs ?? 10_000).unref();
  };
  process.once('SIGINT', () => stop());
  process.once('SIGTERM', () => stop());

  log.info('starting gateway workers', { workers: options.workers });
  for (let i = 0; i < options.workers; i++) fork();
}

/** True in the primary of a gateway with several workers (it supervises; the workers serve). */
export const isClusterPrimary = (config: MagpieConfig): boolean => config.gateway.workers > 1 && cluster.isPrimary;
