import 'reflect-metadata';
import { createLogger, loadConfig, onShutdown } from '@magpie/config';
import { clusterProblem, createRuntime, isClusterPrimary, serveGateway, superviseGatewayWorkers } from '@magpie/runtime';

/**
 * The gateway process: services over PostgreSQL/Redis (or embedded), GraphQL over HTTP. Workers run
 * elsewhere. With MAGPIE_GATEWAY_WORKERS > 1 this process supervises that many gateway processes on one port.
 */
async function main() {
  const config = loadConfig(process.env);
  const log = createLogger('gateway', config.logLevel);
  const problem = clusterProblem(config);
  if (problem) throw new Error(problem);
  if (isClusterPrimary(config)) return superviseGatewayWorkers({ workers: config.gateway.workers, log });
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
