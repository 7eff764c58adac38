import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { type GraphQLSchema, getOperationAST } from 'graphql';
import { createYoga, type Plugin, type YogaServerOptions } from 'graphql-yoga';
import type { SentinelApi } from '../../domain/sentinel-api.js';
import type { SchemaContext } from '../../schema/context.js';
import type { Logger } from '../logger.js';
import { type ApiKeyAuth, keyFromAuthorizationHeader, keyFromConnectionParams } from './api-key-auth.js';
import { GRAPHIQL_APPEARANCE, GRAPHIQL_TABS } from './graphiql-examples.js';
import { clientErrorMasker, forbidden, MASKED_MESSAGE } from './graphql-errors.js';
import { operationLimitsPlugin, pageSizeLimitPlugin } from './operation-limits.js';
import { type SseSubscriptionOptions, sseSubscriptions } from './sse-subscriptions.js';

export const GRAPHQL_PATH = '/graphql';

export interface YogaDependencies {
  readonly schema: GraphQLSchema;
  readonly api: SentinelApi;
  readonly auth: ApiKeyAuth;
  readonly logger: Logger;
  /** Where SSE subscriptions go (the cohorts they share with WebSocket ones); yoga's own SSE without it. */
  readonly sse?: SseSubscriptionOptions;
  readonly plugins?: NonNullable<YogaServerOptions<Record<string, unknown>, SchemaContext>['plugins']>;
}

type InitialContext = {
  readonly request?: Request;
  readonly connectionParams?: Readonly<Record<string, unknown>>;
};

export function createSentinelYoga(deps: YogaDependencies) {
  return createYoga<Record<string, unknown>, SchemaContext>({
    schema: deps.schema,
    graphqlEndpoint: GRAPHQL_PATH,
    landingPage: false,
    // No CORS headers: a page from another site must not read positions through a browser.
    cors: false,
    logging: false,
    context: (initial: InitialContext): SchemaContext => {
      const key =
        initial.connectionParams !== undefined
          ? keyFromConnectionParams(initial.connectionParams)
          : keyFromAuthorizationHeader(initial.request?.headers.get('authorization'));
      const outcome = deps.auth.authenticate(key);
      return { api: deps.api, role: outcome.ok ? outcome.role : null };
    },
    // The bundled GraphiQL works without reaching a CDN (a trading machine may be offline).
    renderGraphiQL,
    graphiql: {
      title: 'position-sentinel',
      defaultTabs: GRAPHIQL_TABS.map((tab) => ({ query: tab.query })),
      ...GRAPHIQL_APPEARANCE,
      ...(deps.auth.required ? { headers: JSON.stringify({ Authorization: 'Bearer <your API key>' }) } : {}),
    },
    maskedErrors: {
      errorMessage: MASKED_MESSAGE,
      maskError: clientErrorMasker(deps.logger),
    },
    plugins: [
      requireApiKeyOverHttp(deps.auth),
      mutationsNeedAdmin(),
      operationLimitsPlugin(),
      pageSizeLimitPlugin(),
      ...(deps.sse ? [sseSubscriptions(deps.sse)] : []),
      ...(deps.plugins ?? []),
    ],
  });
}

/**
 * With keys configured, every GraphQL request over HTTP (queries, mutations, SSE) needs one. The
 * GraphiQL page itself loads without a key: the person types it into the headers editor.
 */
function requireApiKeyOverHttp(auth: ApiKeyAuth): Plugin<SchemaContext> {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (!auth.required || url.pathname !== GRAPHQL_PATH) return;
      if (request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html')) return;
      const outcome = auth.authenticate(keyFromAuthorizationHeader(request.headers.get('authorization')));
      if (outcome.ok) return;
      const message =
        outcome.reason === 'missing'
          ? 'an API key is required: send "Authorization: Bearer <key>"'
          : 'the API key is not valid';
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }),
          {
            status: 401,
            headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer' },
          },
        ),
      );
    },
  };
}

/** Reading is for every key; changing anything (mutations) needs the admin role, on both transports. */
function mutationsNeedAdmin(): Plugin<SchemaContext> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'mutation') return;
      const context = args.contextValue as SchemaContext;
      if (context.role === 'admin') return;
      setResultAndStopExecution({
        errors: [forbidden('this API key may read but not change anything: mutations need an admin key')],
      });
    },
  };
}
