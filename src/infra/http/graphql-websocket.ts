import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { SchemaContext } from '../../schema/context.js';
import type { Logger } from '../logger.js';
import { type ApiKeyAuth, keyFromConnectionParams } from './api-key-auth.js';
import { crossOriginRefusal } from './browser-origin.js';
import { GRAPHQL_PATH } from './create-yoga.js';
import { clientErrorMasker, formatForClient, formatResultForClient } from './graphql-errors.js';
import type { SubscriptionCohorts } from './subscription-cohorts.js';
import { webSocketOutlet } from './websocket-outlet.js';
import { serveGraphqlOverWebSocket } from './websocket-transport.js';

/** Close codes a WebSocket client can act on (graphql-ws uses 4400–4499 for the protocol). */
export const CLOSE_UNAUTHORIZED = 4401;
export const CLOSE_FORBIDDEN = 4403;

export interface GraphqlWebSocketOptions {
  readonly httpServer: Server;
  readonly yoga: YogaServerInstance<Record<string, unknown>, SchemaContext>;
  readonly auth: ApiKeyAuth;
  readonly logger: Logger;
  /** The server listens on loopback only: see crossOriginRefusal. */
  readonly loopbackOnly: boolean;
  readonly maxSubscriptionsPerConnection: number;
  readonly keepAliveMs?: number;
  /** Where subscriptions go: shared with SSE, so identical subscriptions share one execution. */
  readonly cohorts: SubscriptionCohorts;
}

type Enveloped = ReturnType<GraphqlWebSocketOptions['yoga']['getEnveloped']>;
type EnvelopedArgs = ExecutionArgs & Pick<Enveloped, 'execute' | 'subscribe'>;

/**
 * graphql-ws on the API's port and path, executing through yoga's envelop so that limits, auth
 * and error masking apply exactly as on HTTP.
 */
export function attachGraphqlWebSocket(options: GraphqlWebSocketOptions) {
  const wss = new WebSocketServer({ server: options.httpServer, path: GRAPHQL_PATH });
  const mask = clientErrorMasker(options.logger);
  const { cohorts } = options;
  // Operations started and not yet completed, so that shutdown can wait for their `complete`.
  let running = 0;
  const idle = new Set<() => void>();
  const disposable = serveGraphqlOverWebSocket<Record<string, unknown>>(
    {
      execute: (args) => (args as EnvelopedArgs).execute(args),
      subscribe: (args) => (args as EnvelopedArgs).subscribe(args),
      onConnect: (ctx) => {
        // Browsers apply no CORS to WebSockets: a page from any site could subscribe otherwise.
        const refusal = crossOriginRefusal(ctx.extra.request.headers, options.loopbackOnly);
        if (refusal) {
          // A close reason holds 123 bytes at most, and the headers are the caller's: say it plainly.
          options.logger.debug('WebSocket refused', { reason: refusal });
          ctx.extra.socket.close(
            CLOSE_FORBIDDEN,
            'Forbidden: opened by another site, or not through localhost',
          );
          return false;
        }
        const outcome = options.auth.authenticate(keyFromConnectionParams(ctx.connectionParams));
        if (outcome.ok) return true;
        // graphql-ws answers `false` with 4403; a missing key deserves 4401 so clients know to send one.
        if (outcome.reason === 'missing') {
          ctx.extra.socket.close(
            CLOSE_UNAUTHORIZED,
            'Unauthorized: send connectionParams { authorization: "Bearer <key>" }',
          );
        }
        return false;
      },
      onNext: (_ctx, _id, _payload, _args, result) => formatResultForClient(result),
      onComplete: () => {
        running--;
        if (running === 0) for (const resolve of [...idle]) resolve();
      },
      // Errors the operation ended with, including one thrown while a subscription streamed (which
      // graphql-ws wraps itself, outside yoga's masking): masked here like everywhere else.
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatForClient(mask(error))),
      onSubscribe: async (ctx, id, params) => {
        if (Object.keys(ctx.subscriptions).length > options.maxSubscriptionsPerConnection) {
          return [
            new GraphQLError(
              `too many operations on one connection (limit ${options.maxSubscriptionsPerConnection}); open another connection`,
              { extensions: { code: 'LIMIT_EXCEEDED' } },
            ),
          ];
        }
        const enveloped = options.yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        try {
          // Limits throw from parse and validate; caught here they become errors for this
          // operation instead of closing the whole connection.
          const document = enveloped.parse(params.query);
          const errors = enveloped.validate(enveloped.schema, document);
          if (errors.length > 0) return [...errors];
          const contextValue = await enveloped.contextFactory();
          const shared = {
            schema: enveloped.schema,
            document,
            operationName: params.operationName,
            variableValues: params.variables,
            contextValue,
          };
          const outlet = webSocketOutlet(id, ctx.extra.socket);
          const args: EnvelopedArgs = {
            ...shared,
            execute: enveloped.execute,
            // Only subscriptions get here; each joins (or starts) its cohort.
            subscribe: () => cohorts.join({ ...shared, subscribe: enveloped.subscribe }, outlet),
          };
          running++; // from here graphql-ws runs it, and calls onComplete when it ends
          return args;
        } catch (error) {
          return [error instanceof GraphQLError ? error : new GraphQLError('Bad request')];
        }
      },
    },
    wss,
    { keepAliveMs: options.keepAliveMs ?? 12_000, logger: options.logger },
  );
  return {
    get connectionCount(): number {
      return wss.clients.size;
    },
    /**
     * Resolves once every operation has completed and its `complete` is on its way to the client,
     * or after `timeoutMs` if some will not.
     */
    drain(timeoutMs: number): Promise<void> {
      if (running === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          idle.delete(done);
          // The `complete` is sent just after onComplete returns: let that happen first.
          setImmediate(resolve);
        };
        const timer = setTimeout(done, timeoutMs);
        timer.unref();
        idle.add(done);
      });
    },
    /** Closes every socket with 1001 (going away); what still runs on them is ended. */
    dispose: () => disposable.dispose(),
  };
}
