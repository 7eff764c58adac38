import { Agent, request } from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

/** How a benchmark subscriber reaches the server. */
export type SubscriberTransport = 'websocket' | 'sse';

/** Which transport each subscriber of a run uses: all one, or alternating (half of each). */
export type TransportPlan = SubscriberTransport | 'mixed';

export function transportOf(plan: TransportPlan, index: number): SubscriberTransport {
  if (plan === 'mixed') return index % 2 === 0 ? 'sse' : 'websocket';
  return plan;
}

export interface SubscriptionHandlers {
  /** Each result, as the client library (or the SSE parser) hands it over. */
  next(result: unknown): void;
  /** The server ended the subscription (an error, a close, an `event: error`). */
  failed(reason: string): void;
  /** The subscription is open: the socket is acknowledged, or the SSE response has its headers. */
  opened(): void;
}

export interface BenchSubscription {
  close(): Promise<void> | void;
}

/** One subscriber on one connection of its own: a graphql-ws client, or an SSE response. */
export function subscribe(
  transport: SubscriberTransport,
  wsUrl: string,
  query: string,
  handlers: SubscriptionHandlers,
): BenchSubscription {
  return transport === 'sse'
    ? subscribeOverSse(wsUrl.replace(/^ws/, 'http'), query, handlers)
    : subscribeOverWebSocket(wsUrl, query, handlers);
}

function subscribeOverWebSocket(url: string, query: string, handlers: SubscriptionHandlers) {
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    on: { connected: () => handlers.opened() },
  });
  client.subscribe(
    { query },
    {
      next: (result) => handlers.next(result),
      error: (error) => handlers.failed(describeFailure(error)),
      complete: () => undefined,
    },
  );
  return { close: () => client.dispose() };
}

// Every subscriber on a connection of its own, as a thousand browsers would be.
const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

/** GraphQL over SSE as an EventSource subscribes: GET with the operation in the query string. */
function subscribeOverSse(url: string, query: string, handlers: SubscriptionHandlers): BenchSubscription {
  let closing = false;
  const fail = (reason: string) => {
    if (!closing) handlers.failed(reason);
  };
  const req = request(`${url}?${new URLSearchParams({ query })}`, {
    agent,
    headers: { accept: 'text/event-stream' },
  });
  req.on('response', (response) => {
    if (response.statusCode !== 200) {
      fail(`HTTP ${response.statusCode}`);
      response.resume();
      return;
    }
    handlers.opened();
    response.setEncoding('utf8');
    let text = '';
    response.on('data', (chunk: string) => {
      text += chunk;
      let end = text.indexOf('\n\n');
      while (end >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        if (block.startsWith('event: next\n'))
          handlers.next(JSON.parse(block.slice(block.indexOf('data:') + 5)));
        else if (block.startsWith('event: error\n'))
          fail(`event: error ${block.slice(block.indexOf('data:') + 5)}`);
        else if (block.startsWith('event: complete')) fail('event: complete');
        end = text.indexOf('\n\n');
      }
    });
    response.on('end', () => fail('stream ended'));
  });
  req.on('error', (error) => fail(error.message));
  req.end();
  return {
    close() {
      closing = true;
      req.destroy();
    },
  };
}

/** graphql-ws fails a subscription with an Error, a close event, or the errors the server sent. */
function describeFailure(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return error.map((e: { message?: string }) => e.message).join('; ');
  const close = error as { code?: number; reason?: string; type?: string };
  if (close.code !== undefined) return `socket closed ${close.code} ${close.reason ?? ''}`.trim();
  return close.type ?? JSON.stringify(error);
}
