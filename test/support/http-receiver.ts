import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The status it was answered with (or null: left without an answer). */
  status: number | null;
}

/** How the receiver answers a request: a status with headers and a body, or no answer at all. */
export type Answer = { status: number; headers?: Record<string, string>; body?: string } | 'no answer';

export interface HttpReceiver {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** The requests answered 2xx, with their JSON bodies. */
  accepted(): { request: ReceivedRequest; json: Record<string, unknown> }[];
  close(): Promise<void>;
}

/** A real HTTP server on loopback, port 0, recording every request and answering as told. */
export async function startReceiver(
  answer: (request: ReceivedRequest) => Answer = () => ({ status: 200, body: 'ok' }),
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiting = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: ReceivedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status: null,
      };
      requests.push(request);
      const a = answer(request);
      if (a === 'no answer') {
        waiting.add(res);
        return;
      }
      request.status = a.status;
      res.writeHead(a.status, a.headers).end(a.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    accepted: () =>
      requests
        .filter((r) => r.status !== null && r.status >= 200 && r.status < 300)
        .map((request) => ({ request, json: JSON.parse(request.body) as Record<string, unknown> })),
    close: async () => {
      for (const res of waiting) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** `receiver(...)` starts one as {@link startReceiver} does; every one is closed after each test. */
export function useReceivers(): (...args: Parameters<typeof startReceiver>) => Promise<HttpReceiver> {
  const started: HttpReceiver[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((r) => r.close()));
  });
  return async (...args) => {
    const r = await startReceiver(...args);
    started.push(r);
    return r;
  };
}
