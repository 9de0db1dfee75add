import { describeSearchModelLifecycle } from './search-model-lifecycle.contract';

describeSearchModelLifecycle('embedded PGlite + inline jobs', async () => ({
  config: { database: { url: undefined, dataDir: ':memory:', schema: 'public', logging: false }, redis: { url: undefined, prefix: 'magpie' } },
  gateways: 1,
  teardown: async () => undefined,
}));
