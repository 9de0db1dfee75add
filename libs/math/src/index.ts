export * from './random';
export * from './top-k';
export * from './ranking-metrics';
