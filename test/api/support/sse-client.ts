import type { TypedDocumentString } from '../../gql/graphql.js';
import type { GraphQLErrorBody, KeyOption } from './graphql-http.js';
import { LiveSubscription } from './live-subscription.js';

export interface SseSubscription<T> extends LiveSubscription<T> {
  /** The HTTP status of the response (available once the headers arrived). */
  status(): Promise<number>;
  /** Comment lines received (keep-alives). */
  readonly comments: number;
  /** Stops reading the response, as a stalled tab or a blocked script does; the network backs up. */
  pause(): void;
  resume(): void;
}

/**
 * A subscription over Server-Sent Events, as a browser's fetch would open it: POST with
 * `accept: text/event-stream`, then one `event: next` per result and `event: complete` at the end
 * (or `event: error` for a slow consumer).
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
  const reading: Reading = { comments: 0, paused: undefined, resume: () => undefined };
  Object.defineProperty(live, 'comments', { get: () => reading.comments });
  live.pause = () => {
    reading.paused ??= new Promise<void>((resolve) => {
      reading.resume = resolve;
    });
  };
  live.resume = () => {
    reading.resume();
    reading.paused = undefined;
  };
  void read(response, live, abort.signal, reading);
  return live;
}

interface Reading {
  comments: number;
  /** Set while the reader is paused; `resume` settles it. */
  paused: Promise<void> | undefined;
  resume: () => void;
}

async function read<T>(
  pending: Promise<Response>,
  live: LiveSubscription<T>,
  signal: AbortSignal,
  reading: Reading,
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
        if (message.event === undefined && message.comment) reading.comments++;
        if (message.event === 'next') {
          const result = JSON.parse(message.data) as { data?: T | null; errors?: GraphQLErrorBody[] };
          live.next(result.data, result.errors);
        } else if (message.event === 'complete') {
          live.end({ by: 'complete' });
        } else if (message.event === 'error') {
          const body = JSON.parse(message.data) as { errors?: GraphQLErrorBody[] };
          live.end({ by: 'error event', errors: body.errors ?? [] });
        }
      }
      // Not pulling the next chunk is what leaves the bytes in the network.
      await reading.paused;
    }
    live.end({ by: 'terminated' });
  } catch (error) {
    live.end({ by: 'terminated', error: signal.aborted ? 'aborted by the client' : String(error) });
  }
}

function parseMessage(block: string): { event: string | undefined; data: string; comment: boolean } {
  let event: string | undefined;
  let comment = false;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':'))
      comment = true; // a keep-alive
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return { event, data: data.join('\n'), comment };
}
