/** The sequence-model contract of @magpie/ml, as code in this lib imports it. */
export type {
  SequenceModelKind, SequenceModelConfig, TrainOptions, ValidationSet, EpochReport, FitCallbacks, FitResult,
  SequenceEncoder, PrefixState, SequenceTrainingData, FitSequenceModel, LoadSequenceModel, InitCompute,
} from '@magpie/ml';
