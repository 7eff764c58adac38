import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TypedDocumentString } from '../../gql/graphql.js';
import type { GraphQLErrorBody } from './graphql-http.js';
import { LiveSubscription } from './live-subscription.js';

export interface ClosedSocket {
  readonly code: number;
  readonly reason: string;
}

/** A graphql-ws client over a real socket, and what happened to its connection. */
export class WebSocketClient {
  readonly client: Client;
  connected = false;
  closed: ClosedSocket | undefined;

  constructor(
    url: string,
    options: { key?: string; connectionParams?: Record<string, unknown>; origin?: string } = {},
  ) {
    const { origin } = options;
    this.client = createClient({
      url,
      // A browser always says which page opened the socket; Node programs usually do not.
      webSocketImpl:
        origin === undefined
          ? WebSocket
          : class extends WebSocket {
              constructor(address: string, protocols?: string | string[]) {
                super(address, protocols, { origin });
              }
            },
      lazy: false,
      retryAttempts: 0,
      connectionParams:
        options.connectionParams ?? (options.key ? { authorization: `Bearer ${options.key}` } : {}),
      on: {
        connected: () => {
          this.connected = true;
        },
        closed: (event) => {
          const e = event as { code?: number; reason?: string };
          this.closed ??= { code: e.code ?? 0, reason: e.reason ?? '' };
        },
      },
      onNonLazyError: () => {
        // The close is recorded above; tests assert on it.
      },
    });
  }

  subscribe<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables?: Variables,
  ): LiveSubscription<Result> {
    let cancel = () => {};
    const live = new LiveSubscription<Result>(() => cancel());
    cancel = this.client.subscribe<Result>(
      {
        query: document.toString(),
        ...(variables === undefined ? {} : { variables: variables as Record<string, unknown> }),
      },
      {
        next: (result) => live.next(result.data, result.errors as GraphQLErrorBody[] | undefined),
        complete: () => live.end({ by: 'complete' }),
        error: (error) => {
          if (Array.isArray(error)) live.end({ by: 'errors', errors: error as GraphQLErrorBody[] });
          else if (error && typeof error === 'object' && 'code' in error) {
            const e = error as { code: number; reason?: string };
            live.end({ by: 'close', code: e.code, reason: e.reason ?? '' });
          } else live.end({ by: 'terminated', error });
        },
      },
    );
    return live;
  }

  /** One query or mutation over the socket; resolves with its single result. */
  async execute<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables?: Variables,
  ): Promise<{ data: Result | null | undefined; errors: readonly GraphQLErrorBody[] | undefined }> {
    const live = this.subscribe(document, variables);
    const ending = await live.untilEnded();
    if (ending.by === 'errors') return { data: undefined, errors: ending.errors };
    if (ending.by !== 'complete')
      throw new Error(`the operation did not complete: ${JSON.stringify(ending)}`);
    return { data: live.events[0], errors: live.resultErrors.length ? live.resultErrors : undefined };
  }

  dispose(): Promise<void> {
    return Promise.resolve(this.client.dispose());
  }
}
