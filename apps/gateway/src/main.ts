import 'reflect-metadata';
import { createLogger, loadConfig, onShutdown } from '@magpie/config';
import { createRuntime, serveGateway } from '@magpie/runtime';

/** The gateway process: services over PostgreSQL/Redis (or embedded), GraphQL over HTTP. Workers run elsewhere. */
async function main() {
  const config = loadConfig(process.env);
  const log = createLogger('gateway', config.logLevel);
  const runtime = await createRuntime(config, { logger: log });
  const gateway = await serveGateway(runtime, { config: config.gateway, logger: log });
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
