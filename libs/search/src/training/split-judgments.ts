import type { SearchJudgment } from '../evaluation/evaluate-search';

/** A uniform number in [0, 1) from a string (FNV-1a, then mixed; stable across machines and runs). */
function hash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // murmur3's finaliser: FNV alone leaves similar strings ("query 1", "query 2") close in the high bits.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/**
 * Splits judgments by query (never the same query on both sides): a query goes to `held` when the hash
 * of (seed, query) falls below `fraction`. Deterministic: the same seed gives the same split anywhere.
 */
export function splitJudgmentsByQuery<J extends Pick<SearchJudgment, 'query'>>(judgments: readonly J[], fraction: number, seed = 1): { kept: J[]; held: J[] } {
  if (!(fraction > 0 && fraction < 1)) throw new Error(`fraction must be in (0, 1), got ${fraction}`);
  const kept: J[] = [];
  const held: J[] = [];
  for (const j of judgments) (hash(j.query, seed) < fraction ? held : kept).push(j);
  return { kept, held };
}
