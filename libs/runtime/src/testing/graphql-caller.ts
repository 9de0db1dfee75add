/** A GraphQL answer as the tests read it: HTTP status, data and errors with their codes. */
export interface GqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; stacktrace?: unknown } }>;
}

/**
 * A GraphQL-over-HTTP caller for integration tests: POSTs `{ query, variables }` to the gateway's
 * current url (read per call: the gateway starts after the caller is made) with an API key.
 */
export const graphqlCaller =
  (url: () => string, defaultKey: string) =>
  async <T>(query: string, variables: Record<string, unknown> = {}, key = defaultKey): Promise<GqlResponse<T>> => {
    const res = await fetch(url(), { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, ...((await res.json()) as Omit<GqlResponse<T>, 'status'>) };
  };

/** A gateway logger that says nothing (tests assert on answers, not on log lines). */
export const SILENT_LOGGER = { info: () => undefined, warn: () => undefined, error: () => undefined };
