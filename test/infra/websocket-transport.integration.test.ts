import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { serveGraphqlOverWebSocket } from '../../src/infra/http/websocket-transport.js';
import { createLogger } from '../../src/infra/logger.js';

const schema = buildSchema('type Query { hello: String }');
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(onSubscribe?: () => never) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l)) });
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http });
  const transport = serveGraphqlOverWebSocket(
    { schema, roots: { query: { hello: () => 'world' } }, ...(onSubscribe ? { onSubscribe } : {}) },
    wss,
    { keepAliveMs: 50, logger },
  );
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    await transport.dispose();
    await new Promise((resolve) => http.close(resolve));
  });
  return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`, lines };
}

function open(url: string, options: WebSocket.ClientOptions = {}) {
  const socket = new WebSocket(url, 'graphql-transport-ws', options);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const messages: { type: string; id?: string; payload?: unknown }[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  cleanups.push(async () => {
    socket.terminate();
  });
  const initialised = async () => {
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await expect
      .poll(() => messages.some((m) => m.type === 'connection_ack'), { timeout: 10_000 })
      .toBe(true);
  };
  return { socket, closed, messages, initialised };
}

describe('graphql-transport-ws over ws', () => {
  it('answers an operation end to end', async () => {
    const { url } = await start();
    const client = open(url);
    await client.initialised();
    client.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ hello }' } }));
    await expect
      .poll(() => client.messages.map((m) => m.type), { timeout: 10_000 })
      .toEqual(['connection_ack', 'next', 'complete']);
    expect(client.messages[1]?.payload).toEqual({ data: { hello: 'world' } });
  });

  it('terminates a peer that stops answering pings', async () => {
    const { url } = await start();
    const silent = open(url, { autoPong: false });
    const closed = await silent.closed;
    expect(closed.code).toBe(1006);
  });

  it('a failure of ours is logged in full and the client learns only that it happened', async () => {
    const { url, lines } = await start(() => {
      throw new Error('secret detail: /var/lib/positions.duckdb is corrupt');
    });
    const client = open(url);
    await client.initialised();
    client.socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ hello }' } }));
    expect(await client.closed).toEqual({ code: 4500, reason: 'Internal server error' });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'WebSocket message handling failed',
        error: 'secret detail: /var/lib/positions.duckdb is corrupt',
      }),
    );
  });
});
