import type { RunningGateway } from '@magpie/api';
import { loadConfig, type MagpieConfig } from '@magpie/config';
import { createRuntime, type Runtime } from '../create-runtime';
import { importBundle } from '@magpie/jobs';
import { serveGateway } from '../serve-gateway';
import { SILENT_LOGGER } from './graphql-caller';

/** A deployment shape a contract suite runs on: its config (database, Redis) and how to remove it. */
export interface TestDeployment {
  config: Partial<MagpieConfig>;
  teardown(): Promise<void>;
}

export interface ShopGateway {
  runtime: Runtime;
  gateway: RunningGateway;
  /** Stops the gateway, closes the runtime, removes the deployment. */
  stop(): Promise<void>;
}

/**
 * For gateway integration tests: a runtime with in-process workers on the deployment, `shop` imported
 * and in the catalogue, served on a free port with these API keys; `config` adjusts the settings
 * (feedback, retraining…) on top of the defaults.
 */
export async function startShopGateway(
  deployment: TestDeployment,
  shop: Parameters<typeof importBundle>[1],
  options: { appKey: string; adminKey: string; config?: (base: MagpieConfig) => Partial<MagpieConfig> },
): Promise<ShopGateway> {
  const base = loadConfig({}, { logLevel: 'warn' });
  const config: MagpieConfig = {
    ...base, ...deployment.config,
    gateway: { ...base.gateway, port: 0, appKeys: [options.appKey], adminKeys: [options.adminKey], catalogRefreshMs: 60_000 },
    ...options.config?.(base),
  } as MagpieConfig;
  let runtime: Runtime | undefined;
  let gateway: RunningGateway;
  try {
    runtime = await createRuntime(config, { workers: true });
    await importBundle(runtime.store, shop);
    await runtime.catalog.refresh();
    gateway = await serveGateway(runtime, { config: config.gateway, logger: SILENT_LOGGER });
  } catch (error) {
    await runtime?.close();
    await deployment.teardown(); // a failed start leaves no database, schema or key behind
    throw error;
  }
  return {
    runtime, gateway,
    async stop() {
      await gateway.stop();
      await runtime.close();
      await deployment.teardown();
    },
  };
}
