import { describeFeedbackLoop } from './feedback-loop.contract';

describeFeedbackLoop('embedded PGlite + memory counters', async () => ({
  config: { database: { url: undefined, dataDir: ':memory:', schema: 'public', logging: false }, redis: { url: undefined, prefix: 'magpie' } },
  teardown: async () => undefined,
}));
