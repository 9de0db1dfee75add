import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GatewayContext } from './context';
import { classifyError } from './errors';
import type { GatewayLogger } from './logger';
import { describeError } from './logger';

export interface GatewayMetricsOptions {
  /** Registry to register into (share one across apps); default: a new registry per app. */
  registry?: Registry;
  /** Node process metrics (CPU, memory, event loop lag, GC); default true. */
  processMetrics?: boolean;
  /**
   * Called once with the registry, to add gauges computed at scrape time, e.g. job counts:
   * `(registry) => new Gauge({ name: 'magpie_jobs', help: '…', labelNames: ['state'], registers: [registry],
   *   async collect() { this.set({ state: 'waiting' }, await queue.count()) } })`.
   */
  collectors?: Array<(registry: Registry) => void>;
}

/** Distinct operation names kept as label values; later ones are counted as "other" (bounded cardinality). */
const MAX_OPERATION_LABELS = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** The gateway's Prometheus metrics, in a registry of its own (tests create several apps per process). */
export class GatewayMetrics {
  readonly registry: Registry;
  readonly duration: Histogram<'operation' | 'outcome'>;
  readonly errors: Counter<'code'>;
  private readonly operations = new Set<string>();

  constructor(options: GatewayMetricsOptions = {}) {
    this.registry = options.registry ?? new Registry();
    this.duration = new Histogram({
      name: 'magpie_graphql_request_duration_seconds',
      help: 'GraphQL request duration, by operation name and outcome (ok | error)',
      labelNames: ['operation', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.errors = new Counter({
      name: 'magpie_graphql_errors_total',
      help: 'Errors returned to clients, by code (GraphQL and HTTP-level)',
      labelNames: ['code'],
      registers: [this.registry],
    });
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    for (const collector of options.collectors ?? []) collector(this.registry);
  }

  /** A label value for a client-chosen operation name, keeping the label set bounded. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_LABELS) return 'other';
    this.operations.add(name);
    return name;
  }
}

/**
 * Apollo plugin: times every request (label `invalid` when the operation never resolved, e.g. a
 * parse error), counts errors by public code, and logs the full detail of errors masked as internal.
 */
export function metricsPlugin(metrics: GatewayMetrics, logger: GatewayLogger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const stopTimer = metrics.duration.startTimer();
      let operation = 'invalid';
      let failed = false;
      return {
        async didResolveOperation(requestContext) {
          operation = metrics.operationLabel(requestContext.operationName);
        },
        async didEncounterErrors(requestContext) {
          failed = true;
          for (const error of requestContext.errors) {
            const { code, internal } = classifyError(error);
            metrics.errors.inc({ code });
            if (internal) {
              logger.error('GraphQL request failed', {
                requestId: requestContext.contextValue.requestId,
                operation: requestContext.operationName ?? null,
                path: error.path ?? null,
                error: describeError(error.originalError ?? error),
              });
            }
          }
        },
        async willSendResponse() {
          stopTimer({ operation, outcome: failed ? 'error' : 'ok' });
        },
      };
    },
  };
}
