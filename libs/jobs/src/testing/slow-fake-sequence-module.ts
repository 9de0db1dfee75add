import { makeFakeFitSequenceModel } from '@magpie/recommendation';

/** A trainer module for tests that need a training to be caught halfway: each epoch blocks its thread 300 ms. */
export const fitSequenceModel = makeFakeFitSequenceModel({ busyMsPerEpoch: 300 });
