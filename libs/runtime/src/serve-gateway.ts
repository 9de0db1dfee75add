import { startGateway, type GatewayLogger, type RunningGateway } from '@magpie/api';
import type { GatewayConfig } from '@magpie/config';
import type { Runtime } from './create-runtime';
import { jobCountsCollector } from './job-metrics';

/**
 * Starts the GraphQL gateway over a runtime's services, with job counts in `/metrics`.
 * When the configured port is taken and `fallbackToFreePort` is set, it listens on any free port.
 */
export async function serveGateway(
  runtime: Pick<Runtime, 'services' | 'queue'>,
  options: { config: GatewayConfig; logger?: GatewayLogger; fallbackToFreePort?: boolean },
): Promise<RunningGateway> {
  const start = (config: GatewayConfig) =>
    startGateway({ config, services: runtime.services, logger: options.logger, metrics: { collectors: [jobCountsCollector(runtime.queue)] } });
  try {
    return await start(options.config);
  } catch (error) {
    if (!options.fallbackToFreePort || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    options.logger?.warn(`port ${options.config.port} is taken; listening on a free port instead`);
    return start({ ...options.config, port: 0 });
  }
}
