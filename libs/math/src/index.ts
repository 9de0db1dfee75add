export * from './random';
export * from './top-k';
export * from './ranking-metrics';
export * from './held-out-metrics';
export * from './exposure-metrics';
export * from './ridge';
export * from './by-id';
