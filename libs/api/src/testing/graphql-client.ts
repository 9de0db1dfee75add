/** The JSON body of a GraphQL response, as the tests read it. */
export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** POSTs one GraphQL operation to `url` with an optional API key; returns the status and parsed body. */
export async function postGraphQL(
  url: string,
  query: string,
  options: { key?: string; bearer?: string; variables?: Record<string, unknown> } = {},
): Promise<{ status: number; body: GraphQLBody; headers: Headers }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.key) headers['x-api-key'] = options.key;
  if (options.bearer) headers['authorization'] = `Bearer ${options.bearer}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables: options.variables }) });
  return { status: response.status, body: (await response.json()) as GraphQLBody, headers: response.headers };
}

/** The `extensions.code` of every error, in order. */
export const codes = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.['code']);
