import type { Source } from '@magpie/contracts';

/** One item proposed by one source, before blending. */
export interface Candidate {
  productId: number;
  score: number;
  source: Source;
  /** The history item that led to this candidate (co-occurrence), for the reason. */
  anchorId?: number;
}

/** Per-source blend weights; sources without a weight are ignored. */
export type BlendWeights = Partial<Record<Source, number>>;

export const DEFAULT_BLEND: BlendWeights = { sequence: 1, cooccurrence: 1, longtail: 0.5, popular: 0.25 };
