import type { TypedDocumentString } from '../../gql/graphql.js';
import type { LiveSubscription } from './live-subscription.js';
import { subscribeSse } from './sse-client.js';
import { WebSocketClient } from './websocket-client.js';

export type Transport = 'websocket' | 'sse';
export const TRANSPORTS: readonly Transport[] = ['websocket', 'sse'];

/**
 * Opens subscriptions on one transport against one service; `dispose()` ends every subscription
 * and socket it opened (call it in afterEach).
 */
export class Subscriber {
  readonly #open: LiveSubscription<unknown>[] = [];
  readonly #sockets: WebSocketClient[] = [];

  constructor(
    readonly transport: Transport,
    private readonly url: string,
    private readonly key?: string,
  ) {}

  subscribe<Result, Variables>(
    document: TypedDocumentString<Result, Variables>,
    variables?: Variables,
  ): LiveSubscription<Result> {
    const live =
      this.transport === 'sse'
        ? subscribeSse(this.url, document, variables, { key: this.key })
        : this.socket().subscribe(document, variables);
    this.#open.push(live as LiveSubscription<unknown>);
    return live;
  }

  /** A new WebSocket connection (each subscribe on the websocket transport shares the first one). */
  socket(): WebSocketClient {
    if (this.#sockets[0]) return this.#sockets[0];
    return this.newSocket();
  }

  newSocket(): WebSocketClient {
    const client = new WebSocketClient(this.url.replace(/^http/, 'ws'), this.key ? { key: this.key } : {});
    this.#sockets.push(client);
    return client;
  }

  async dispose(): Promise<void> {
    await Promise.all(this.#open.map((s) => s.close()));
    await Promise.all(this.#sockets.map((s) => s.dispose()));
  }
}
