import WebSocket from 'ws';
import { until } from '../../support/until.js';

interface Frame {
  readonly id?: string;
  readonly type: string;
  readonly payload?: unknown;
}

/**
 * A bare graphql-transport-ws client on a `ws` socket, for what the graphql-ws client hides: it
 * can stop reading (as a stalled browser tab or a blocked script does) and see the close frame.
 */
export class RawGraphqlWs {
  readonly frames: Frame[] = [];
  closed: { code: number; reason: string } | undefined;
  readonly #socket: WebSocket;

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: String(reason) };
    });
  }

  static async connect(url: string, connectionParams: Record<string, unknown> = {}): Promise<RawGraphqlWs> {
    const socket = new WebSocket(url, 'graphql-transport-ws');
    const client = new RawGraphqlWs(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams }));
    await until(() => client.frames.some((f) => f.type === 'connection_ack'), 'connection_ack');
    return client;
  }

  subscribe(id: string, query: string, variables?: Record<string, unknown>): void {
    this.#socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
  }

  /** Stops reading from the socket: the server's writes pile up in the kernel, then in its buffer. */
  pause(): void {
    this.#socket.pause();
  }

  resume(): void {
    this.#socket.resume();
  }

  /** The `next` payloads received for one subscription, in order. */
  results(id: string): unknown[] {
    return this.frames.filter((f) => f.id === id && f.type === 'next').map((f) => f.payload);
  }

  close(): void {
    this.#socket.terminate();
  }
}
