export * from './errors';
export * from './domain';
export * from './jobs';
export * from './ranker-jobs';
export * from './views';
export * from './product-filter';
