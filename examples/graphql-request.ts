import { authorizationHeaders, type ClientOptions } from './client-options.js';
import type { TypedDocumentString } from './gql/graphql.js';

/** The service answered, but with errors (bad key, bad input, a mutation refused...). */
export class GraphQLRequestError extends Error {
  constructor(
    readonly status: number,
    readonly errors: readonly { message: string; extensions?: { code?: string } }[],
  ) {
    super(
      errors.map((e) => (e.extensions?.code ? `${e.extensions.code}: ${e.message}` : e.message)).join('; '),
    );
  }
}

/** One typed query or mutation over HTTP. */
export async function request<Result, Variables>(
  options: ClientOptions,
  document: TypedDocumentString<Result, Variables>,
  variables?: Variables,
): Promise<Result> {
  const response = await fetch(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorizationHeaders(options) },
    body: JSON.stringify({ query: document.toString(), variables }),
  }).catch((error: Error) => {
    // fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND...) is in its cause.
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    throw new Error(`could not reach ${options.url}: ${cause}`);
  });
  const text = await response.text();
  let body: { data?: Result | null; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    body = JSON.parse(text);
  } catch {
    throw new GraphQLRequestError(response.status, [{ message: text.slice(0, 200) || response.statusText }]);
  }
  if (body.errors?.length || !body.data) {
    throw new GraphQLRequestError(response.status, body.errors ?? [{ message: `HTTP ${response.status}` }]);
  }
  return body.data;
}
