import type { ComputeBackendChoice, SequenceModelConfig } from '@magpie/ml';

/** The sequence serving thread's model. */
export interface SequenceThreadInit {
  model: Uint8Array;
  backend: ComputeBackendChoice;
  annThreshold: number;
  prefixCacheSize?: number;
}

export interface SequenceThreadReady {
  config: SequenceModelConfig;
  embeddings: Float32Array;
  description: string;
}

/** A batch of histories, flat (`indices` with `lengths`) in transferred buffers. */
export interface ScoreCall {
  indices: Int32Array;
  lengths: Int32Array;
  fetch: number;
}

/**
 * A scored batch of B histories: `vectors` B × dim; `weights` the histories' weights one after another (as
 * long as each history); `found`/`scores` B × `fetch`, the first `counts[b]` of row b used.
 */
export interface ScoredBatch {
  vectors: Float32Array;
  weights: Float32Array;
  found: Int32Array;
  scores: Float32Array;
  counts: Int32Array;
}
