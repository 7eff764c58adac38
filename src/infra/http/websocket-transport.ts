import type { IncomingMessage } from 'node:http';
import { handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logger.js';

/** What each graphql-ws context carries in `extra`: the socket and its upgrade request. */
export interface SocketExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/** The protocol's code for a failure on the server's side; the reason never carries details. */
const CLOSE_INTERNAL_ERROR = 4500;

/**
 * Runs the graphql-transport-ws protocol (graphql-ws's server) over a `ws` server. A peer that
 * goes away mid-write is an ordinary disconnect, logged at debug level; a failure of ours is
 * logged in full and the client only learns "Internal server error". A socket whose peer stops
 * answering pings is terminated after `keepAliveMs`.
 */
export function serveGraphqlOverWebSocket<P extends Record<string, unknown>>(
  options: ServerOptions<P, SocketExtra>,
  wss: WebSocketServer,
  settings: { readonly keepAliveMs: number; readonly logger: Logger },
): { dispose(): Promise<void> } {
  const server = makeServer<P, SocketExtra>(options);
  const { logger } = settings;
  wss.options.handleProtocols = (protocols) => handleProtocols(protocols);
  wss.on('error', (error) => logger.error('WebSocket server error', { error }));

  wss.on('connection', (socket, request) => {
    // An error on one socket (a reset, a broken pipe) means its peer is gone: close quietly.
    socket.on('error', (error) => {
      logger.debug('WebSocket connection error', { error });
      socket.terminate();
    });
    let answered = true;
    socket.on('pong', () => {
      answered = true;
    });
    const heartbeat = setInterval(() => {
      if (!answered) {
        socket.terminate();
        return;
      }
      answered = false;
      socket.ping();
    }, settings.keepAliveMs);
    heartbeat.unref();

    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (error) => {
              if (error) logger.debug('WebSocket write failed: the peer is gone', { error });
              resolve();
            });
          }),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (error) {
              logger.error('WebSocket message handling failed', { error });
              socket.close(CLOSE_INTERNAL_ERROR, 'Internal server error');
            }
          }),
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearInterval(heartbeat);
      void closed(code, String(reason));
    });
  });

  return {
    async dispose() {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners('connection');
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
