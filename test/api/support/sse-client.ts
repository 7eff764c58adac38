import type { TypedDocumentString } from '../../gql/graphql.js';
import type { GraphQLErrorBody, KeyOption } from './graphql-http.js';
import { LiveSubscription } from './live-subscription.js';

export interface SseSubscription<T> extends LiveSubscription<T> {
  /** The HTTP status of the response (available once the headers arrived). */
  status(): Promise<number>;
}

/**
 * A subscription over Server-Sent Events, as a browser's fetch would open it: POST with
 * `accept: text/event-stream`, then one `event: next` per result and `event: complete` at the end.
 */
export function subscribeSse<Result, Variables>(
  url: string,
  document: TypedDocumentString<Result, Variables>,
  variables?: Variables,
  { key, method = 'POST' }: KeyOption & { readonly method?: 'GET' | 'POST' } = {},
): SseSubscription<Result> {
  const abort = new AbortController();
  const live = new LiveSubscription<Result>(() => abort.abort()) as SseSubscription<Result>;
  const headers = { accept: 'text/event-stream', ...(key ? { authorization: `Bearer ${key}` } : {}) };
  const body = { query: document.toString(), variables };
  // GET is what `curl -N` and EventSource use: the operation travels in the query string.
  const response =
    method === 'GET'
      ? fetch(
          `${url}?${new URLSearchParams({ query: body.query, variables: JSON.stringify(variables ?? {}) })}`,
          {
            headers,
            signal: abort.signal,
          },
        )
      : fetch(url, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: abort.signal,
        });
  live.status = async () => (await response).status;
  void read(response, live, abort.signal);
  return live;
}

async function read<T>(
  pending: Promise<Response>,
  live: LiveSubscription<T>,
  signal: AbortSignal,
): Promise<void> {
  try {
    const response = await pending;
    if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      const body = (await response.json()) as { errors?: GraphQLErrorBody[] };
      live.end({ by: 'errors', errors: body.errors ?? [] });
      return;
    }
    const decoder = new TextDecoder();
    let text = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
        const message = parseMessage(text.slice(0, end));
        text = text.slice(end + 2);
        if (message.event === 'next') {
          const result = JSON.parse(message.data) as { data?: T | null; errors?: GraphQLErrorBody[] };
          live.next(result.data, result.errors);
        } else if (message.event === 'complete') {
          live.end({ by: 'complete' });
        }
      }
    }
    live.end({ by: 'terminated' });
  } catch (error) {
    live.end({ by: 'terminated', error: signal.aborted ? 'aborted by the client' : String(error) });
  }
}

function parseMessage(block: string): { event: string | undefined; data: string } {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue; // a keep-alive comment
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, data: data.join('\n') };
}
