import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { BenchServer } from './bench-server.js';
import { positionPayload } from './position-payload.js';

const PROTOCOL = 'graphql-transport-ws';

/**
 * The runtime's ceiling: just enough of the graphql-transport-ws protocol for the same clients
 * (acknowledge, remember each subscription's id, answer pings), and each event serialized once
 * and written to every socket. No GraphQL execution at all.
 */
export async function startRawWsServer(): Promise<BenchServer> {
  const server = createServer((_request, response) => response.writeHead(404).end());
  const wss = new WebSocketServer({
    server,
    path: '/graphql',
    handleProtocols: (protocols) => (protocols.has(PROTOCOL) ? PROTOCOL : false),
  });
  const subscriptions = new Map<WebSocket, string>();
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id?: string };
      if (message.type === 'connection_init') socket.send('{"type":"connection_ack"}');
      else if (message.type === 'ping') socket.send('{"type":"pong"}');
      else if (message.type === 'subscribe' && message.id) subscriptions.set(socket, message.id);
      else if (message.type === 'complete') subscriptions.delete(socket);
    });
    socket.on('close', () => subscriptions.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/graphql`,
    publish(eventId) {
      const payload = JSON.stringify({ data: { positionUpdated: positionPayload(eventId, new Date()) } });
      for (const [socket, id] of subscriptions) {
        socket.send(`{"id":${JSON.stringify(id)},"type":"next","payload":${payload}}`);
      }
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
