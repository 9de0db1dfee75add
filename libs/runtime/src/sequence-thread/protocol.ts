import type { ComputeBackendChoice, SequenceModelConfig } from '@magpie/ml';

/** What the serving thread is asked. Histories travel flat (`indices` with `lengths`) in transferred buffers. */
export type ToScoringThread =
  | { type: 'init'; model: Uint8Array; backend: ComputeBackendChoice; annThreshold: number; prefixCacheSize?: number }
  | { type: 'score'; id: number; indices: Int32Array; lengths: Int32Array; fetch: number }
  | { type: 'close' };

/**
 * What it answers. A scored batch of B histories: `vectors` B × dim; `weights` the histories' weights one
 * after another (as long as each history); `found`/`scores` B × `fetch`, the first `counts[b]` of row b used.
 */
export type FromScoringThread =
  | { type: 'ready'; config: SequenceModelConfig; embeddings: Float32Array; description: string }
  | { type: 'scored'; id: number; vectors: Float32Array; weights: Float32Array; found: Int32Array; scores: Float32Array; counts: Int32Array }
  | { type: 'failed'; id: number | null; message: string };
