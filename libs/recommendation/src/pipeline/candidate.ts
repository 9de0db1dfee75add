import type { Source } from '@magpie/contracts';

/** One item proposed by one source, before blending. */
export interface Candidate {
  productId: number;
  score: number;
  source: Source;
  /** The history item that led to this candidate (co-occurrence), for the reason. */
  anchorId?: number;
  /** The history items that weighed most for this candidate (sequence model), heaviest first, for the reason. */
  anchorIds?: number[];
  /** A tail item shown for discovery (set by the tail-exposure step): its reason says so. */
  discover?: boolean;
}

/** Per-source blend weights; sources without a weight are ignored. */
export type BlendWeights = Partial<Record<Source, number>>;

/** The sequence model leads: its best item outweighs the best of any other source. */
export const DEFAULT_BLEND: BlendWeights = { sequence: 2, cooccurrence: 1, longtail: 0.5, popular: 0.25 };
