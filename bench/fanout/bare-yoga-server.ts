import { setMaxListeners } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExecutionArgs } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createPubSub, createSchema, createYoga } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import type { BenchServer } from './bench-server.js';
import { BARE_TYPE_DEFS, positionPayload } from './position-payload.js';

/**
 * The framework with nothing of ours: yoga with one subscription field fed by its pubsub, and
 * graphql-ws executing through yoga's envelop (the documented recipe). Each event is executed
 * and serialized once per subscriber.
 */
export async function startBareYogaServer(): Promise<BenchServer> {
  // One listener per subscriber on the pubsub's EventTarget: more than Node's warning threshold.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  const pubsub = createPubSub<{ position: [Record<string, unknown>] }>({ eventTarget });
  const yoga = createYoga({
    logging: false,
    schema: createSchema({
      typeDefs: BARE_TYPE_DEFS,
      resolvers: {
        Query: { ok: () => true },
        Subscription: {
          positionUpdated: { subscribe: () => pubsub.subscribe('position'), resolve: (p: unknown) => p },
        },
      },
    }),
  });
  type Enveloped = ReturnType<typeof yoga.getEnveloped>;
  type EnvelopedArgs = ExecutionArgs & Pick<Enveloped, 'execute' | 'subscribe'>;
  const server = createServer(yoga);
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const ws = useServer(
    {
      execute: (args) => (args as EnvelopedArgs).execute(args),
      subscribe: (args) => (args as EnvelopedArgs).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const enveloped = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        const document = enveloped.parse(params.query);
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return [...errors];
        const args: EnvelopedArgs = {
          schema: enveloped.schema,
          document,
          operationName: params.operationName,
          variableValues: params.variables,
          contextValue: await enveloped.contextFactory(),
          execute: enveloped.execute,
          subscribe: enveloped.subscribe,
        };
        return args;
      },
    },
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/graphql`,
    publish: (eventId) => pubsub.publish('position', positionPayload(eventId, new Date())),
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await ws.dispose();
      await yoga.dispose();
      server.closeAllConnections();
      await closed;
    },
  };
}
