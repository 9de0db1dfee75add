/**
 * The trainer module a training thread loads by default: the real sequence models of @magpie/ml.
 * This file is the one place training reaches into @magpie/ml; tests point the thread at a fake.
 */
export { fitSequenceModel, initCompute } from '@magpie/ml';
