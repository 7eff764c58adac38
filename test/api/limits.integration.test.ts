import { describe, expect, it } from 'vitest';
import { TypedDocumentString } from '../gql/graphql.js';
import { graphql } from '../gql/index.js';
import { useService } from '../support/service-fixture.js';
import { postRaw } from './support/graphql-http.js';
import { subscribeSse } from './support/sse-client.js';
import { WebSocketClient } from './support/websocket-client.js';

const Viewer = graphql(`
  query ApiLimitsViewer {
    viewer { role }
  }
`);

const StatusFeed = graphql(`
  subscription ApiLimitsStatus {
    statusChanged { mode }
  }
`);

/** Each abusive operation is valid GraphQL: only its size gets it refused. */
const ABUSIVE = {
  depth: {
    query: `{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } }`,
    message: 'Query depth limit of 8 exceeded, found 9.',
  },
  aliases: {
    query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: viewer { role }`).join(' ')} }`,
    message: 'Aliases limit of 15 exceeded, found 16.',
  },
  tokens: {
    query: `{ viewer { ${'role '.repeat(2000)}} }`,
    message: 'Syntax Error: Token limit of 2000 exceeded.',
  },
  cost: {
    // A thousand runs, each with every discrepancy it found.
    query: '{ reconciliationRuns(first: 1000) { edges { node { discrepancies { id } } } } }',
    message: 'Query Cost limit of 5000 exceeded, found 21312.5.',
  },
} as const;

/** The same limits apply to subscriptions (over SSE here): a subscription with too many aliases. */
const ABUSIVE_SUBSCRIPTION = `subscription { reconciliationCompleted { ${Array.from(
  { length: 16 },
  (_, i) => `a${i}: id`,
).join(' ')} } }`;

const service = useService({}, 'file');

function socket(): WebSocketClient {
  const client = new WebSocketClient(service.wsUrl);
  service.cleanup(() => client.dispose());
  return client;
}

const raw = (query: string) => new TypedDocumentString<unknown, Record<string, never>>(query);

describe.each(Object.entries(ABUSIVE))('the %s limit', (_name, abusive) => {
  it('refuses the operation over HTTP with a 400 and LIMIT_EXCEEDED, executing nothing', async () => {
    const result = await postRaw(service.graphqlUrl, { query: abusive.query });
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([
      expect.objectContaining({ message: abusive.message, extensions: { code: 'LIMIT_EXCEEDED' } }),
    ]);
  });

  it('refuses it over WebSocket with the same error, and the connection stays open', async () => {
    const client = socket();
    const refused = await client.execute(raw(abusive.query));
    expect(refused.errors).toEqual([
      expect.objectContaining({ message: abusive.message, extensions: { code: 'LIMIT_EXCEEDED' } }),
    ]);
    expect(await client.execute(Viewer)).toEqual({ data: { viewer: { role: 'ADMIN' } }, errors: undefined });
    expect(client.closed).toBeUndefined();
  });
});

describe('a page size written in the operation', () => {
  // Counted as a multiplier, first: 100000 would cost hundreds of thousands: the page size's own
  // limit is what the client needs to hear.
  const huge =
    '{ positionHistory(account: "DU1", conId: 1, first: 100000) { edges { cursor node { at change position { quantity account } } } } }';
  const expected = expect.objectContaining({
    message: 'page size must be an integer from 1 to 1000, got 100000',
    extensions: { code: 'BAD_USER_INPUT' },
  });

  it('beyond its limit gets that limit, not the cost, over HTTP (400, nothing executed)', async () => {
    const result = await postRaw(service.graphqlUrl, { query: huge });
    expect(result.status).toBe(400);
    expect(result.data ?? null).toBeNull();
    expect(result.errors).toEqual([expected]);
  });

  it('beyond its limit gets that limit over WebSocket too', async () => {
    expect((await socket().execute(raw(huge))).errors).toEqual([expected]);
  });

  it('within it, the cost limit still applies', async () => {
    const costly = huge.replace('first: 100000', 'first: 1000');
    const result = await postRaw(service.graphqlUrl, { query: costly });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/^Query Cost limit of 5000 exceeded, found \d+/),
        extensions: { code: 'LIMIT_EXCEEDED' },
      }),
    ]);
  });
});

describe('limits on subscriptions', () => {
  it('an abusive subscription over SSE is refused before it starts', async () => {
    const live = subscribeSse(service.graphqlUrl, raw(ABUSIVE_SUBSCRIPTION));
    expect(await live.untilEnded()).toEqual({ by: 'complete' });
    expect(live.events).toEqual([]);
    expect(live.resultErrors).toEqual([
      expect.objectContaining({
        message: 'Aliases limit of 15 exceeded, found 16.',
        extensions: { code: 'LIMIT_EXCEEDED' },
      }),
    ]);
    expect(await service.metric('sentinel_active_subscriptions')).toBe(0);
  });

  it('one WebSocket connection carries at most 100 subscriptions; the next is refused, the rest go on', async () => {
    const client = socket();
    const open = Array.from({ length: 100 }, () => client.subscribe(StatusFeed));
    await service.untilSubscriptions(100);
    const refused = client.subscribe(StatusFeed);
    expect(await refused.untilEnded()).toEqual({
      by: 'errors',
      errors: [
        expect.objectContaining({
          message: 'too many operations on one connection (limit 100); open another connection',
          extensions: { code: 'LIMIT_EXCEEDED' },
        }),
      ],
    });
    expect(client.closed).toBeUndefined();
    expect(open.every((s) => s.ending === undefined)).toBe(true);

    // Another connection is not affected, and ending one subscription makes room for another.
    expect((await socket().execute(Viewer)).data).toEqual({ viewer: { role: 'ADMIN' } });
    await open[0]?.close();
    await service.untilSubscriptions(99);
    client.subscribe(StatusFeed);
    await service.untilSubscriptions(100);
    await Promise.all(open.map((s) => s.close()));
  });
});
