import type { ComputeBackendChoice } from '@magpie/ml';
import type { VectorSet } from '@magpie/retrieval';

/** The search serving thread's model: the content encoder's bytes, and the product vectors indexed last (after a restart). */
export interface SemanticThreadInit {
  encoder: Uint8Array;
  backend: ComputeBackendChoice;
  annThreshold: number;
  set: VectorSet | null;
}

export interface SemanticThreadReady {
  description: string;
}

/** Queries travel flat: every query's terms one after another (`terms`), `counts[q]` of them for query q. */
export type SemanticCall =
  | { type: 'rebuild'; set: VectorSet }
  | { type: 'queries'; terms: string[]; counts: Int32Array; k: number }
  | { type: 'vector'; vector: Float32Array; k: number };

/** Q rows of `k` matches (`keys`/`scores` Q × k), the first `counts[q]` of row q used; nothing for a rebuild. */
export interface SemanticMatchRows {
  keys: Int32Array;
  scores: Float32Array;
  counts: Int32Array;
}
