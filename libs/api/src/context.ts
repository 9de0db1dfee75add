import type { GatewayLogger } from './logger';
import type { GatewayServices } from './services';

/** `app`: shopper-facing queries and recordEvents. `admin`: catalogue writes, jobs, models, privacy. */
export type Scope = 'app' | 'admin';

/** Who is calling, as far as the API key tells. An empty scope set means no valid key was sent. */
export interface Viewer {
  scopes: ReadonlySet<Scope>;
}

/** The per-request context every resolver receives: the one composition point. */
export interface GatewayContext {
  services: GatewayServices;
  viewer: Viewer;
  /** From the `x-request-id` header when it is sane, otherwise generated; echoed in the response. */
  requestId: string;
  logger: GatewayLogger;
}
