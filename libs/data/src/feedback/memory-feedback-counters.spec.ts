import { describeFeedbackCountersContract } from './feedback-counters.contract';
import { MemoryFeedbackCounters } from './memory-feedback-counters';

describeFeedbackCountersContract('memory', async () => {
  const counters = new MemoryFeedbackCounters();
  return { counters, other: counters, cleanup: async () => undefined };
});
