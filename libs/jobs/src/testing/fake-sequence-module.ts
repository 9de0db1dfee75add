/** A trainer module for training threads in tests: the fake sequence model (fast, deterministic). */
export { fakeFitSequenceModel as fitSequenceModel } from '@magpie/recommendation';
