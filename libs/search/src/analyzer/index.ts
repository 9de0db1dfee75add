export { createAnalyzer, type Analyzer, type AnalyzerOptions } from './analyzer';
export type { SegmentationMode } from './chinese-segmenter';
export { normalizeText } from './normalize-text';
