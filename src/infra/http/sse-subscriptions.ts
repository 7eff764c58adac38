import { ServerResponse } from 'node:http';
import { type ExecutionResult, getOperationAST } from 'graphql';
import type { Plugin, YogaServer } from 'graphql-yoga';
import type { SchemaContext } from '../../schema/context.js';
import type { SseStreams } from './sse-streams.js';
import { isAsyncIterable, type SubscriptionCohorts } from './subscription-cohorts.js';

export interface SseSubscriptionOptions {
  readonly cohorts: SubscriptionCohorts;
  readonly streams: SseStreams;
}

/** What the params handler answers for a response it wrote itself; yoga's answer is then dropped. */
const SERVED: ExecutionResult = Object.freeze({});

/**
 * Subscriptions over SSE (GraphQL over SSE, distinct connections mode: GET or POST asking for
 * `text/event-stream`) join the same cohorts as WebSocket ones, and their results are written
 * pre-serialized to the response by our own stream instead of yoga's (which executes and
 * serializes once per subscriber).
 *
 * Everything up to the execution stays yoga's: the API key check, the request parsers, the checks
 * of the method and parameters, and the envelop pipeline (limits, masking, the context with its
 * role) through which the operation is parsed, validated and subscribed, as on the WebSocket. A
 * subscription refused on the way (invalid, a bad cursor) is answered by yoga as before; so is
 * anything that is not a subscription.
 */
export function sseSubscriptions(options: SseSubscriptionOptions): Plugin<SchemaContext> {
  let yoga: YogaServer<Record<string, unknown>, SchemaContext> | undefined;
  return {
    onYogaInit({ yoga: server }) {
      yoga = server as unknown as YogaServer<Record<string, unknown>, SchemaContext>;
    },
    onParams({ request, paramsHandler, setParamsHandler }) {
      if (!acceptsEventStream(request.headers.get('accept'))) return;
      setParamsHandler(async (payload) => {
        const response = (payload.context as { res?: unknown }).res;
        const query = payload.params.query;
        if (!yoga || !(response instanceof ServerResponse) || query === undefined)
          return paramsHandler(payload);
        // As yoga's own handler does, so that the context factory sees the request and its params.
        Object.assign(payload.context, { request: payload.request, params: payload.params });
        const enveloped = yoga.getEnveloped(payload.context);
        let document: ReturnType<typeof enveloped.parse>;
        try {
          document = enveloped.parse(query);
        } catch {
          return paramsHandler(payload); // yoga reports the syntax error (or the limit) its own way
        }
        if (getOperationAST(document, payload.params.operationName)?.operation !== 'subscription') {
          return paramsHandler(payload);
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return { errors };
        const stream = options.streams.create(response);
        const joined = await options.cohorts.join(
          {
            schema: enveloped.schema,
            document,
            operationName: payload.params.operationName,
            variableValues: payload.params.variables,
            contextValue: (await enveloped.contextFactory()) as Record<string, unknown>,
            subscribe: enveloped.subscribe,
          },
          stream,
        );
        if (!isAsyncIterable(joined)) return joined;
        await options.streams.serve(stream, joined as AsyncIterableIterator<never>);
        return SERVED;
      });
    },
    onResultProcess({ result, setResultProcessor }) {
      // The response has ended by now: the whatwg-node adapter sends nothing on an ended response.
      if (result === SERVED) setResultProcessor((_result, fetchAPI) => new fetchAPI.Response(null), '*/*');
    },
  };
}

/**
 * Whether yoga would answer a subscription with SSE: some accepted media type (in UTF-8) matches
 * `text/event-stream`, wildcards included (no header means any type).
 */
export function acceptsEventStream(accept: string | null): boolean {
  for (const entry of (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',')) {
    const [mediaType = '', ...parameters] = entry.split(';');
    const charset = parameters.find((p) => p.startsWith('charset='));
    if (charset !== undefined && charset !== 'charset=utf-8') continue;
    const [type, subtype] = mediaType.split('/');
    if ((type === '*' || type === 'text') && (subtype === '*' || subtype === 'event-stream')) return true;
  }
  return false;
}
