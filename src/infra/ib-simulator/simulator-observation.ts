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

export function connectedClients(connections: readonly ClientConnection[]): ConnectedClient[] {
  return connections.flatMap((c) =>
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

export function connectionRecord(c: ClientConnection): ConnectionRecord {
  return {
    connectionId: c.id,
    clientId: c.clientId,
    remotePort: c.remotePort,
    acceptedAt: c.acceptedAt,
    open: c.state !== 'closed',
    requests: [...c.requests],
  };
}
