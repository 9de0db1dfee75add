import { createLogger, onShutdown, type MagpieConfig } from '@magpie/config';
import { createRuntime, serveGateway } from '@magpie/runtime';

export const SERVE_HELP = `magpie serve [--port N] [--host H]
  Gateway and workers in one process: PostgreSQL from DATABASE_URL and BullMQ on REDIS_URL, or,
  without them, embedded PGlite (MAGPIE_DATA_DIR) with jobs inline. Trains statistics at start when
  there are events but no statistics yet.`;

export async function runServe(config: MagpieConfig): Promise<void> {
  const log = createLogger('serve', config.logLevel);
  const runtime = await createRuntime(config, { workers: true, logger: log });
  if (runtime.models.versions()['STATS'] === null && (await runtime.store.events.count()) > 0) {
    const job = await runtime.services.jobs.retrain('STATS');
    log.info('no statistics yet: training them', { job: job.id });
  }
  const gateway = await serveGateway(runtime, { config: config.gateway, logger: log });
  log.info('gateway listening', { url: gateway.url, mode: runtime.mode, auth: config.gateway.appKeys.length + config.gateway.adminKeys.length > 0 });
  process.stdout.write(`Magpie is serving GraphQL at ${gateway.url} (${runtime.mode} mode). Ctrl-C stops it.\n`);
  onShutdown(async () => {
    await gateway.stop();
    await runtime.close();
  }, log);
}
