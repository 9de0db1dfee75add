import type { Source } from '@magpie/contracts';

/** One item proposed by one source, before blending. */
export interface Candidate {
  productId: number;
  score: number;
  source: Source;
  /** The history item that led to this candidate (co-occurrence, similar items), for the reason. */
  anchorId?: number;
  /**
   * The history item that explains this candidate best (sequence model), worked out on demand: only the
   * items shown or ranked need one. Read both through `anchorOf`.
   */
  anchor?: () => number;
  /** A tail item shown for discovery (set by the tail-exposure step): its reason says so. */
  discover?: boolean;
}

/** The history item behind a candidate (its reason's "because you viewed X"), if any. */
export const anchorOf = (c: Candidate): number | undefined => c.anchorId ?? c.anchor?.();

/** Per-source blend weights; sources without a weight are ignored. */
export type BlendWeights = Partial<Record<Source, number>>;

/** The sequence model leads: its best item outweighs the best of any other source. */
export const DEFAULT_BLEND: BlendWeights = { sequence: 2, cooccurrence: 1, longtail: 0.5, popular: 0.25 };
