export * from './errors';
export * from './domain';
export * from './jobs';
export * from './views';
export * from './product-filter';
