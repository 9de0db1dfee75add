/**
 * The Magpie GraphQL gateway: a thin HTTP/GraphQL shell over `GatewayServices`.
 * Other apps (the CLI's composition root) import it only through this file.
 */
export { createGatewayApp } from './app';
export type { GatewayApp, GatewayAppOptions } from './app';
export { startGateway } from './server';
export type { RunningGateway, StartGatewayOptions } from './server';
export type { GatewayServices, ReadinessReport } from './services';
export type { GatewayContext, Scope, Viewer } from './context';
export type { GatewayLogger } from './logger';
export { consoleLogger } from './logger';
export type { GatewayMetricsOptions } from './metrics';
export { typeDefs } from './schema';
