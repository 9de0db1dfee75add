import type { FeedbackCount } from '../ports';

/** `source|modelVersion` ('' for none): the key of one pair (sources never contain `|`). */
export const pairKey = (source: string, modelVersion: string | null): string => `${source}|${modelVersion ?? ''}`;

export function parsePairKey(key: string): { source: string; modelVersion: string | null } {
  const bar = key.indexOf('|');
  const version = key.slice(bar + 1);
  return { source: key.slice(0, bar), modelVersion: version === '' ? null : version };
}

/** Sorted by source, then model version with null first: the order `all()` promises. */
export const byPair = (a: FeedbackCount, b: FeedbackCount): number =>
  a.source.localeCompare(b.source) || (a.modelVersion ?? '').localeCompare(b.modelVersion ?? '');
