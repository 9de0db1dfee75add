import { describeGatewayEndToEnd } from './gateway.e2e.contract';

describeGatewayEndToEnd('embedded PGlite + inline jobs', async () => ({
  config: { database: { url: undefined, dataDir: ':memory:', schema: 'public', logging: false }, redis: { url: undefined, prefix: 'magpie' } },
  teardown: async () => undefined,
}));
