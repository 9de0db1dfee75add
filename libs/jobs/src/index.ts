export * from './active-stats';
export * from './group-by-user';
export * from './train-stats';
export * from './generate-longtail';
export * from './registry';
export * from './workers';
export * from './worker-process';
