import { badInput, LIMITS, type ProductFilter } from '@magpie/contracts';

export interface SearchRequest {
  query: string;
  filter?: ProductFilter | null;
  /** Page size, 0..100 (default 20). */
  first?: number | null;
}

/** Page size when a request gives none. */
export const DEFAULT_FIRST = 20;

/** Checks the query length (≤ 256) and page size (integer 0..100); throws BAD_USER_INPUT otherwise. */
export function checkQueryAndFirst(query: string, first: number | null | undefined): number {
  if (typeof query !== 'string') throw badInput('query must be a string');
  if (query.length > LIMITS.maxQueryLength) {
    throw badInput(`query is longer than ${LIMITS.maxQueryLength} characters`, { length: query.length });
  }
  const size = first ?? DEFAULT_FIRST;
  if (!Number.isInteger(size) || size < 0 || size > LIMITS.maxFirst) {
    throw badInput(`first must be an integer from 0 to ${LIMITS.maxFirst}`, { first: size });
  }
  return size;
}
