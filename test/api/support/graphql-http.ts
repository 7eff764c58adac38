import type { TypedDocumentString } from '../../gql/graphql.js';

export interface GraphQLErrorBody {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}

export interface HttpResult<Result> {
  readonly status: number;
  readonly data: Result | null | undefined;
  readonly errors: readonly GraphQLErrorBody[] | undefined;
}

/** An API key sent as `Authorization: Bearer`. */
export type KeyOption = { readonly key?: string | undefined };

/** One typed operation over HTTP POST, as any client would send it. */
export async function post<Result, Variables>(
  url: string,
  document: TypedDocumentString<Result, Variables>,
  variables?: Variables,
  { key }: KeyOption = {},
): Promise<HttpResult<Result>> {
  return postRaw<Result>(url, { query: document.toString(), variables }, { key });
}

/** Any body, for operations the typed documents would not let a test write (abusive ones). */
export async function postRaw<Result = unknown>(
  url: string,
  body: { query: string; variables?: unknown; operationName?: string },
  { key }: KeyOption = {},
): Promise<HttpResult<Result>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: { data?: Result | null; errors?: GraphQLErrorBody[] };
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status} answered something that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, data: parsed.data, errors: parsed.errors };
}

/** The data of an operation that must succeed; fails with the errors otherwise. */
export async function query<Result, Variables>(
  url: string,
  document: TypedDocumentString<Result, Variables>,
  variables?: Variables,
  options: KeyOption = {},
): Promise<Result> {
  const result = await post(url, document, variables, options);
  if (result.errors?.length || !result.data) {
    throw new Error(`HTTP ${result.status}: ${JSON.stringify(result.errors ?? result.data)}`);
  }
  return result.data;
}
