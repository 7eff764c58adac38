import type { ClientConnection, LoggedRequest } from './client-connection.js';

/** A connection that completed START_API and is still open. */
export interface ConnectedClient {
  readonly connectionId: number;
  readonly clientId: number;
  readonly remotePort: number;
  readonly connectedAt: Date;
  readonly serverVersion: number;
}

/** Every accepted connection, open or closed, with what it asked for. */
export interface ConnectionRecord {
  readonly connectionId: number;
  readonly clientId: number | undefined;
  readonly remotePort: number;
  readonly acceptedAt: Date;
  readonly open: boolean;
  readonly requests: readonly LoggedRequest[];
}

/** Closed connections remembered for `records()` and `requestsOf()`: a long run stays bounded. */
const KEPT_CLOSED_CONNECTIONS = 1_000;

/** The connections of one simulator: the limit on open ones, and what tests observe of them. */
export class ConnectionRegistry {
  readonly #connections: ClientConnection[] = [];
  #accepted = 0;
  #refused = 0;
  #lastId = 0;

  constructor(private readonly maxOpen: number) {}

  /** TCP connections accepted since start, including those refused over the limit. */
  get accepted(): number {
    return this.#accepted;
  }

  get refused(): number {
    return this.#refused;
  }

  /** Counts a new socket; returns how many are open when it must be refused, else undefined. */
  admit(): number | undefined {
    this.#accepted++;
    const open = this.open().length;
    if (open < this.maxOpen) return undefined;
    this.#refused++;
    return open;
  }

  nextId(): number {
    return ++this.#lastId;
  }

  add(connection: ClientConnection): void {
    this.#connections.push(connection);
  }

  /** Called when a connection closed: forgets the oldest closed ones beyond what is kept. */
  closed(): void {
    let excess = this.#connections.filter((c) => c.state === 'closed').length - KEPT_CLOSED_CONNECTIONS;
    for (let i = 0; i < this.#connections.length && excess > 0; ) {
      if (this.#connections[i]?.state === 'closed') {
        this.#connections.splice(i, 1);
        excess--;
      } else i++;
    }
  }

  ready(): ClientConnection[] {
    return this.#connections.filter((c) => c.state === 'ready');
  }

  open(): ClientConnection[] {
    return this.#connections.filter((c) => c.state !== 'closed');
  }

  clients(): ConnectedClient[] {
    return this.#connections.flatMap((c) =>
      c.state === 'ready' && c.clientId !== undefined && c.readyAt && c.serverVersion
        ? [
            {
              connectionId: c.id,
              clientId: c.clientId,
              remotePort: c.remotePort,
              connectedAt: c.readyAt,
              serverVersion: c.serverVersion,
            },
          ]
        : [],
    );
  }

  records(): ConnectionRecord[] {
    return this.#connections.map((c) => ({
      connectionId: c.id,
      clientId: c.clientId,
      remotePort: c.remotePort,
      acceptedAt: c.acceptedAt,
      open: c.state !== 'closed',
      requests: [...c.requests],
    }));
  }

  /** The requests of the latest connection that started with `clientId` (empty if none did). */
  requestsOf(clientId: number): LoggedRequest[] {
    const latest = this.#connections.filter((c) => c.clientId === clientId).at(-1);
    return latest ? [...latest.requests] : [];
  }
}
