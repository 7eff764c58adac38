import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLSchema } from 'graphql';
import type { SentinelApi } from '../../domain/sentinel-api.js';
import type { Logger } from '../logger.js';
import { type ApiKeyAuth, keyFromAuthorizationHeader } from './api-key-auth.js';
import { crossOriginRefusal, isLoopbackName } from './browser-origin.js';
import { createSentinelYoga, GRAPHQL_PATH, type YogaDependencies } from './create-yoga.js';
import { clientErrorMasker } from './graphql-errors.js';
import { attachGraphqlWebSocket } from './graphql-websocket.js';
import { SseStreams } from './sse-streams.js';
import { type CohortSubscriptions, SubscriptionCohorts } from './subscription-cohorts.js';

export interface Readiness {
  readonly ready: boolean;
  /** Each check by name: true, or why it fails. */
  readonly checks: Readonly<Record<string, true | string>>;
}

export interface ApiServerOptions {
  readonly host: string;
  readonly port: number;
  readonly schema: GraphQLSchema;
  readonly api: SentinelApi;
  readonly auth: ApiKeyAuth;
  readonly logger: Logger;
  readonly readiness: () => Readiness;
  /** The Prometheus text exposition of every metric. */
  readonly metrics: () => Promise<string>;
  readonly maxSubscriptionsPerConnection?: number;
  /** How long an SSE stream may carry nothing before it gets a comment line (default 12 s). */
  readonly sseKeepAliveMs?: number;
  readonly plugins?: YogaDependencies['plugins'];
  /** Ends every subscription (on both transports) at shutdown, so that each client gets `complete`. */
  readonly endSubscriptions?: () => void;
  /** Serves extra routes (the dashboard) before GraphQL; returns true when it answered. */
  readonly staticRoutes?: (request: IncomingMessage, response: ServerResponse) => boolean;
}

export interface ApiServer {
  readonly url: string;
  readonly port: number;
  readonly webSocketConnections: () => number;
  readonly sseStreams: () => number;
  /** Subscriptions on both transports, in their cohorts. */
  readonly subscriptions: () => CohortSubscriptions;
  /** Stops accepting, completes subscriptions on both transports, closes every connection. */
  close(): Promise<void>;
}

/** A subscriber whose connection holds more than this many unsent bytes is ended, to resume later. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** HTTP (queries, mutations, SSE), WebSocket and the operational endpoints on one port. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  // Subscribers asking the same thing share one execution per event, on either transport.
  const cohorts = new SubscriptionCohorts({
    maxBufferedBytes: MAX_BUFFERED_BYTES,
    mask: clientErrorMasker(options.logger),
  });
  const sse = new SseStreams(options.sseKeepAliveMs ?? 12_000, options.logger);
  const yoga = createSentinelYoga({
    schema: options.schema,
    api: options.api,
    auth: options.auth,
    logger: options.logger,
    sse: { cohorts, streams: sse },
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  const loopbackOnly = isLoopbackName(options.host);
  const inFlight = new Set<ServerResponse>();
  const server = createServer((request, response) => {
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
    response.once('finish', () => inFlight.delete(response));
    const refusal = crossOriginRefusal(request.headers, loopbackOnly);
    if (refusal)
      return json(response, 403, { errors: [{ message: refusal, extensions: { code: 'FORBIDDEN' } }] });
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/healthz') return json(response, 200, { status: 'ok' });
    if (path === '/readyz') {
      const readiness = options.readiness();
      return json(response, readiness.ready ? 200 : 503, {
        status: readiness.ready ? 'ready' : 'not ready',
        checks: readiness.checks,
      });
    }
    if (path === '/metrics') {
      if (
        options.auth.required &&
        !options.auth.authenticate(keyFromAuthorizationHeader(request.headers.authorization)).ok
      ) {
        return json(response, 401, { error: 'an API key is required: send "Authorization: Bearer <key>"' });
      }
      options.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
          response.end(text);
        },
        (error: unknown) => {
          options.logger.error('could not collect the metrics', { error });
          json(response, 500, { error: 'could not collect the metrics; see the service log' });
        },
      );
      return;
    }
    if (path !== GRAPHQL_PATH && options.staticRoutes?.(request, response)) return;
    void yoga(request, response);
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    sse.dispose();
    await yoga.dispose();
    throw error;
  }
  // Attached once listening: a WebSocket server re-emits its HTTP server's errors, and a port in
  // use would otherwise be logged as a WebSocket failure before the caller could say what it is.
  // No upgrade can arrive before this line runs.
  const ws = attachGraphqlWebSocket({
    httpServer: server,
    yoga,
    auth: options.auth,
    logger: options.logger,
    loopbackOnly,
    maxSubscriptionsPerConnection: options.maxSubscriptionsPerConnection ?? 100,
    cohorts,
  });

  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  options.logger.info('API listening', { graphql: `${url}${GRAPHQL_PATH}` });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    webSocketConnections: () => ws.connectionCount,
    sseStreams: () => sse.count,
    subscriptions: () => cohorts.subscriptions(),
    close() {
      closing ??= (async () => {
        // Stop accepting; then every subscription completes, and its client is told so (a
        // `complete` message on a socket, `event: complete` ending an SSE response) before any
        // connection is closed.
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        options.endSubscriptions?.();
        await Promise.all([ws.drain(SHUTDOWN_GRACE_MS), allFinished(inFlight, SHUTDOWN_GRACE_MS)]);
        await ws.dispose();
        sse.dispose();
        await yoga.dispose();
        // Whatever did not finish within the grace period (and idle keep-alive connections).
        server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}

/** How long shutdown waits for responses and subscriptions to finish before cutting them. */
const SHUTDOWN_GRACE_MS = 5000;

function allFinished(responses: Set<ServerResponse>, timeoutMs: number): Promise<void> {
  const waiting = [...responses].map(
    (response) =>
      new Promise<void>((resolve) => {
        response.once('finish', resolve);
        response.once('close', resolve);
      }),
  );
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    timer.unref();
    void Promise.all(waiting).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
