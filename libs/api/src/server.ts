import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayApp } from './app';
import type { GatewayApp, GatewayAppOptions } from './app';

export interface StartGatewayOptions extends GatewayAppOptions {
  /** On stop, how long requests in flight may finish before their connections are cut; default 2000 ms. */
  shutdownGraceMs?: number;
}

export interface RunningGateway {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** The port actually bound (useful with `config.port = 0`). */
  port: number;
  gateway: GatewayApp;
  /** Stops accepting, closes idle keep-alive connections at once, waits for requests in flight (up to the grace), stops Apollo. Idempotent. */
  stop(): Promise<void>;
}

const urlHost = (host: string) => {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
};

/**
 * Creates the gateway and listens on `config.host`:`config.port` (0 = any free port).
 * Shutdown does not use Apollo's drain plugin (which can wait ~6 s on a response body nobody read);
 * it closes idle connections itself and cuts the rest after `shutdownGraceMs`.
 */
export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const gateway = await createGatewayApp(options);
  const server = createServer(gateway.handler);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.config.port, options.config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await gateway.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), options.shutdownGraceMs ?? 2000);
      cut.unref();
      await closed;
      clearTimeout(cut);
      await gateway.stop();
    })());

  return { url: `http://${urlHost(options.config.host)}:${port}/graphql`, port, gateway, stop };
}
