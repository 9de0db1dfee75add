import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express from 'express';
import type { ErrorRequestHandler, Express, Request, RequestHandler, Response } from 'express';
import type { Registry } from 'prom-client';
import { ErrorCode } from '@magpie/contracts';
import type { GatewayConfig } from '@magpie/config';
import { createAuthenticator, presentedKey } from './auth';
import type { GatewayContext } from './context';
import { formatError, httpErrorBody } from './errors';
import { graphqlPostHandler } from './graphql-http';
import { GRAPHIQL_CSP, graphiqlAssetsRouter, graphiqlPage, wantsGraphiql } from './graphiql';
import type { GatewayLogger } from './logger';
import { consoleLogger, describeError } from './logger';
import { GatewayMetrics, metricsPlugin } from './metrics';
import type { GatewayMetricsOptions } from './metrics';
import { queryLimitsRule } from './query-limits';
import { resolvers } from './resolvers';
import { typeDefs } from './schema';
import type { GatewayServices } from './services';

export interface GatewayAppOptions {
  config: GatewayConfig;
  services: GatewayServices;
  /** Default: JSON lines on the console. */
  logger?: GatewayLogger;
  metrics?: GatewayMetricsOptions;
  /** Schema introspection (GraphiQL needs it); default true. */
  introspection?: boolean;
}

/** An Express app with Apollo started and mounted; `stop()` stops Apollo (the HTTP server is the caller's). */
export interface GatewayApp {
  /** The HTTP listener: POST /graphql goes straight to Apollo (see graphqlPostHandler), the rest to `app`. */
  handler: RequestListener;
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  /** The Prometheus registry served at /metrics; add gauges to it (see GatewayMetricsOptions.collectors). */
  registry: Registry;
  stop(): Promise<void>;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const requestIdOf = (res: Response): string => {
  const id: unknown = res.locals['requestId'];
  return typeof id === 'string' ? id : 'unknown';
};

/** A sane `x-request-id` from the caller, otherwise a new one. */
const requestIdFor = (req: IncomingMessage): string => {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
};

/** Assigns the request id and echoes it in the response. */
const assignRequestId: RequestHandler = (req, res, next) => {
  const id = requestIdFor(req);
  res.locals['requestId'] = id;
  res.set('x-request-id', id);
  next();
};

const isGraphqlPost = (req: IncomingMessage): boolean => {
  if (req.method !== 'POST' || req.url === undefined) return false;
  const path = req.url.split('?', 1)[0];
  return path === '/graphql' || path === '/graphql/';
};

/**
 * Builds the gateway: POST/GET /graphql (Apollo), GraphiQL on GET /graphql from a browser (served
 * offline from /assets), /healthz, /readyz and /metrics. Starts Apollo before returning.
 *
 * Auth: API keys from `config.appKeys` / `config.adminKeys`, sent as `x-api-key` or
 * `Authorization: Bearer <key>`. When both lists are empty, auth is OFF (development mode): every
 * caller gets app and admin scope, and a warning is logged.
 */
export async function createGatewayApp(options: GatewayAppOptions): Promise<GatewayApp> {
  const { config, services } = options;
  const logger = options.logger ?? consoleLogger;
  const metrics = new GatewayMetrics(options.metrics);
  const auth = createAuthenticator(config);
  if (!auth.enabled) logger.warn('Gateway auth is OFF: no API keys configured (MAGPIE_APP_KEYS / MAGPIE_ADMIN_KEYS); every caller is admin');

  const apollo = new ApolloServer<GatewayContext>({
    typeDefs,
    resolvers,
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: [queryLimitsRule({ maxDepth: config.maxDepth, maxComplexity: config.maxComplexity })],
    // The composition root owns process signals and the HTTP server's shutdown.
    stopOnTerminationSignals: false,
    // No HTTP cache hints: the cache-control plugin would wrap every field resolver of every request.
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled(), metricsPlugin(metrics, logger)],
    logger: { debug: () => undefined, info: (...m) => logger.info(m.join(' ')), warn: (...m) => logger.warn(m.join(' ')), error: (...m) => logger.error(m.join(' ')) },
  });
  await apollo.start();

  const contextFor = async (req: IncomingMessage, requestId: string): Promise<GatewayContext> => ({
    services,
    viewer: auth.viewerFor(presentedKey(req.headers)),
    requestId,
    logger,
  });
  const graphqlPost = graphqlPostHandler({
    apollo,
    bodyLimitBytes: config.bodyLimitBytes,
    context: contextFor,
    onHttpError: (code) => metrics.errors.inc({ code }),
    onInternalError: (error, requestId) => {
      metrics.errors.inc({ code: ErrorCode.INTERNAL_SERVER_ERROR });
      logger.error('HTTP request failed', { requestId, error: describeError(error) });
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.use(assignRequestId);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  app.get('/readyz', async (_req, res) => {
    try {
      const report = await services.health.ready();
      res.status(report.ok ? 200 : 503).json({ status: report.ok ? 'ok' : 'unavailable', checks: report.checks });
    } catch (error) {
      logger.error('Readiness check failed', { requestId: requestIdOf(res), error: describeError(error) });
      res.status(503).json({ status: 'unavailable', checks: { health: 'error' } });
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use(graphiqlAssetsRouter());
  app.get('/graphql', (req: Request, res: Response, next) => {
    if (!wantsGraphiql(req)) return next();
    res.set('Content-Security-Policy', GRAPHIQL_CSP).type('html').send(graphiqlPage());
  });

  app.use(
    '/graphql',
    cors(),
    express.json({ limit: config.bodyLimitBytes }),
    (req, _res, next) => {
      // Not JSON (or GET): give Apollo an empty body; it answers 400 for a POST without JSON itself.
      req.body ??= {};
      next();
    },
    expressMiddleware(apollo, { context: async ({ req, res }) => contextFor(req, requestIdOf(res)) }),
  );

  app.use((_req, res) => {
    res.status(404).json({ error: 'Not found' });
  });

  const handleHttpError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const status = typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : 500;
    const type = typeof error === 'object' && error !== null && 'type' in error ? String(error.type) : '';
    let code: string = ErrorCode.INTERNAL_SERVER_ERROR;
    let message = 'Internal server error';
    if (type === 'entity.too.large' || status === 413) {
      code = ErrorCode.PAYLOAD_TOO_LARGE;
      message = `Request body exceeds the limit of ${config.bodyLimitBytes} bytes`;
    } else if (type === 'entity.parse.failed') {
      code = 'BAD_REQUEST';
      message = 'Request body is not valid JSON';
    } else if (status >= 400 && status < 500) {
      code = 'BAD_REQUEST';
      message = 'Bad request';
    } else {
      logger.error('HTTP request failed', { requestId: requestIdOf(res), error: describeError(error) });
    }
    metrics.errors.inc({ code });
    res.status(code === ErrorCode.INTERNAL_SERVER_ERROR ? 500 : status).json(httpErrorBody(code, message));
  };
  app.use(handleHttpError);

  const handler: RequestListener = (req, res) => {
    if (!isGraphqlPost(req)) return void app(req, res);
    const requestId = requestIdFor(req);
    res.setHeader('x-request-id', requestId);
    graphqlPost(req, res, requestId);
  };

  return { handler, app, apollo, registry: metrics.registry, stop: () => apollo.stop() };
}
