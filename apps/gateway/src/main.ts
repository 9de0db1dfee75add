import 'reflect-metadata';
import { startGateway } from '@magpie/api';
import { createLogger, loadConfig, onShutdown } from '@magpie/config';
import { createRuntime } from '@magpie/runtime';

/** The gateway process: services over PostgreSQL/Redis (or embedded), GraphQL over HTTP. Workers run elsewhere. */
async function main() {
  const config = loadConfig(process.env);
  const log = createLogger('gateway', config.logLevel);
  const runtime = await createRuntime(config, { logger: log });
  const gateway = await startGateway({ config: config.gateway, services: runtime.services, logger: log });
  log.info('listening', { url: gateway.url, mode: runtime.mode });
  onShutdown(async () => {
    await gateway.stop();
    await runtime.close();
  }, log);
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
