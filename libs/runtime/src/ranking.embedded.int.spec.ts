import { describeRanking } from './ranking.contract';

describeRanking('embedded PGlite + inline jobs', async () => ({
  config: { database: { url: undefined, dataDir: ':memory:', schema: 'public', logging: false }, redis: { url: undefined, prefix: 'magpie' } },
  teardown: async () => undefined,
}));
