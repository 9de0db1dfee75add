import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { ErrorCode, MagpieError } from '@magpie/contracts';

/** What a client may see of an error. `internal` = masked in the response and logged in full. */
export interface PublicError {
  code: string;
  message: string;
  internal: boolean;
}

const INTERNAL: PublicError = { code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error', internal: true };

/** Codes our own validation rules raise; Apollo relabels every validation error GRAPHQL_VALIDATION_FAILED. */
const VALIDATION_CODES = new Set<string>([ErrorCode.QUERY_TOO_COMPLEX]);

/**
 * The one place that decides what a client sees:
 * - `MagpieError` from a service → its code and message (INTERNAL_SERVER_ERROR ones are masked too);
 * - a `GraphQLError` with a code (ours: BAD_USER_INPUT, UNAUTHENTICATED, ...; Apollo's: parse,
 *   validation, variable coercion) → as it is, except our validation rules' codes are restored;
 * - anything else (a plain Error, a serialisation failure) → INTERNAL_SERVER_ERROR, generic message.
 */
export function classifyError(error: unknown): PublicError {
  const cause = unwrapResolverError(error);
  if (cause instanceof MagpieError) {
    return cause.code === ErrorCode.INTERNAL_SERVER_ERROR ? INTERNAL : { code: cause.code, message: cause.message, internal: false };
  }
  if (error instanceof GraphQLError && error.originalError instanceof GraphQLError) {
    const originalCode = error.originalError.extensions.code;
    if (typeof originalCode === 'string' && VALIDATION_CODES.has(originalCode)) {
      return { code: originalCode, message: error.message, internal: false };
    }
  }
  if (cause instanceof GraphQLError) {
    // No code = graphql-js's own execution failure (e.g. a value that cannot be serialised): internal.
    const code = cause.extensions.code;
    if (typeof code === 'string' && code !== ErrorCode.INTERNAL_SERVER_ERROR) return { code, message: cause.message, internal: false };
  }
  return INTERNAL;
}

/** Apollo `formatError`: keeps locations and path, replaces message and extensions with the public ones. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { code, message } = classifyError(error);
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code },
  };
}

/** A GraphQL-shaped body for errors answered before GraphQL runs (body too large, bad JSON). */
export const httpErrorBody = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });
