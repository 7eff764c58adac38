import type { TypedDocumentString } from './gql/graphql.js';

export class RequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
}

/** One typed mutation (or query) over HTTP, with the session's API key when there is one. */
export async function request<Result, Variables>(
  document: TypedDocumentString<Result, Variables>,
  variables: Variables | undefined,
  apiKey: string | null,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
    });
  } catch {
    throw new RequestError('the service cannot be reached', 'OFFLINE', 0);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: Result | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const first = body.errors?.[0];
  if (first || !body.data) {
    throw new RequestError(
      first?.message ?? `the service answered HTTP ${response.status}`,
      first?.extensions?.code,
      response.status,
    );
  }
  return body.data;
}
