/**
 * @magpie/ml — TensorFlow.js compute runtime (tfjs-node → WASM → plain JS) with the kernels and
 * gradients WASM training needs, and the sequence recommenders (SASRec, GRU4Rec): train, validate,
 * save/load as bytes, encode histories, explain; exact item scoring on the backend (TfExactIndex).
 */
export { initCompute, currentBackend, type ComputeBackendChoice } from './compute/init-compute';
export { registerWasmTrainingKernels } from './compute/wasm-kernels';
export { matMul2d, dense, batchMatMul } from './ops/matmul';
export { gatherRows } from './ops/embedding';
export { logSigmoid, gelu } from './ops/activations';
export { conv1dBySlices } from './ops/conv1d';
export { softmaxCrossEntropy } from './ops/softmax-cross-entropy';
export * from './sequence/types';
export { DEFAULT_SEQUENCE_CONFIG, DEFAULT_GRU4REC_CONFIG, DEFAULT_TRAIN_OPTIONS, resolveSequenceConfig, resolveTrainOptions } from './sequence/defaults';
export { fitSequenceModel } from './sequence/fit';
export { loadSequenceModel } from './sequence/load';
export { targetRanks, rankMetrics } from './sequence/ranking';
export { TfExactIndex, type ItemVectors } from './vectors/tf-exact-index';
export { TextVocabulary, DEFAULT_TEXT_FEATURES, type TextFeatureConfig } from './content/text-features';
export { DEFAULT_CONTENT_CONFIG, type ContentEncoderConfig, type ContentItem } from './content/content-types';
export { ContentEncoder } from './content/content-encoder';
export { fitContentEncoder, DEFAULT_CONTENT_TRAINING, type ContentTrainOptions, type ContentEpoch, type KeptWeights, type QueryItemPair, type FitContentInput } from './content/fit-content-encoder';
export { saveContentEncoder, loadContentEncoder } from './content/serialize-content';
export type { ContentAlignment } from './content/content-alignment';
export { fitCfgan, CfganModel, DEFAULT_CFGAN_CONFIG, DEFAULT_CFGAN_TRAINING, type CfganConfig, type CfganTrainOptions, type CfganEpoch } from './gan/cfgan';
export { fitVectorCfgan, VectorCfganModel, DEFAULT_VECTOR_NOISE, type VectorSpace, type VectorCfganConfig } from './gan/vector-cfgan';
export { EarlyStopping } from './gan/early-stopping';
export { saveCfganArtifact, loadCfganArtifact, type CfganArtifact } from './gan/cfgan-artifact';
