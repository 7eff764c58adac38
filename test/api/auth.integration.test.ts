import { afterAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { useService } from '../support/service-fixture.js';
import { post, query } from './support/graphql-http.js';
import type { LiveSubscription } from './support/live-subscription.js';
import { subscribeSse } from './support/sse-client.js';
import { WebSocketClient } from './support/websocket-client.js';

const READ_KEY = 'reader-key-000001';
const ADMIN_KEY = 'admin-key-0000001';

const Viewer = graphql(`
  query ApiViewer {
    viewer { role }
  }
`);

const Reconcile = graphql(`
  mutation ApiAuthReconcile {
    reconcile { id status }
  }
`);

const Latest = graphql(`
  query ApiAuthLatest {
    latestReconciliation { id }
  }
`);

const Runs = graphql(`
  subscription ApiAuthRuns {
    reconciliationCompleted { id trigger }
  }
`);

const service = useService({ apiKeys: [`${READ_KEY}:read`, `${ADMIN_KEY}:admin`] }, 'file');
const subscriptions: LiveSubscription<unknown>[] = [];

afterAll(async () => {
  await Promise.all(subscriptions.map((s) => s.close()));
});

function socket(options: ConstructorParameters<typeof WebSocketClient>[1]): WebSocketClient {
  const client = new WebSocketClient(service.wsUrl, options);
  service.cleanup(() => client.dispose());
  return client;
}

describe('API keys over HTTP', () => {
  it('no key: 401 with a code and a hint, for queries, mutations and SSE alike', async () => {
    const response = await fetch(service.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'an API key is required: send "Authorization: Bearer <key>"',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
    expect((await post(service.graphqlUrl, Reconcile)).status).toBe(401);
    const refused = subscribeSse(service.graphqlUrl, Runs);
    subscriptions.push(refused);
    expect(await refused.status()).toBe(401);
    expect(await refused.untilEnded()).toEqual({
      by: 'errors',
      errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })],
    });
    const get = await fetch(`${service.graphqlUrl}?query=${encodeURIComponent('{ viewer { role } }')}`);
    expect(get.status).toBe(401);
  });

  it('a wrong key: 401 saying the key is not valid', async () => {
    const result = await post(service.graphqlUrl, Viewer, undefined, { key: 'not-a-key-of-ours' });
    expect(result.status).toBe(401);
    expect(result.errors).toEqual([
      { message: 'the API key is not valid', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
  });

  it('a read key reads and subscribes but cannot call a mutation (FORBIDDEN)', async () => {
    expect(await query(service.graphqlUrl, Viewer, undefined, { key: READ_KEY })).toEqual({
      viewer: { role: 'READ' },
    });
    const before = await query(service.graphqlUrl, Latest, undefined, { key: READ_KEY });
    const refused = await post(service.graphqlUrl, Reconcile, undefined, { key: READ_KEY });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors).toEqual([
      {
        message: 'this API key may read but not change anything: mutations need an admin key',
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
    // Nothing ran: the latest run is the same as before.
    expect(await query(service.graphqlUrl, Latest, undefined, { key: READ_KEY })).toEqual(before);
  });

  it('an admin key may do everything', async () => {
    expect(await query(service.graphqlUrl, Viewer, undefined, { key: ADMIN_KEY })).toEqual({
      viewer: { role: 'ADMIN' },
    });
    const { reconcile } = await query(service.graphqlUrl, Reconcile, undefined, { key: ADMIN_KEY });
    expect(reconcile.status).toBe('CLEAN');
  });

  it('/metrics needs a key when keys are configured; /healthz and /readyz do not', async () => {
    expect((await fetch(`${service.sentinel.url}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${service.sentinel.url}/metrics`, {
      headers: { authorization: `Bearer ${READ_KEY}` },
    });
    expect(metrics.status).toBe(200);
    expect((await fetch(`${service.sentinel.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${service.sentinel.url}/readyz`)).status).toBe(200);
  });
});

describe('API keys over WebSocket', () => {
  it('no key: the connection is closed with 4401', async () => {
    const client = socket({});
    const live = client.subscribe(Runs);
    await expect.poll(() => client.closed, { timeout: 15_000 }).toBeDefined();
    expect(client.closed?.code).toBe(4401);
    expect(client.closed?.reason).toContain('authorization');
    expect(client.connected).toBe(false);
    expect((await live.untilEnded()).by).toBe('close');
  });

  it('a wrong key: the connection is closed with 4403', async () => {
    const client = socket({ key: 'not-a-key-of-ours' });
    client.subscribe(Runs);
    await expect.poll(() => client.closed, { timeout: 15_000 }).toBeDefined();
    expect(client.closed?.code).toBe(4403);
    expect(client.connected).toBe(false);
  });

  it('a read key subscribes and queries over the socket, but its mutations are FORBIDDEN', async () => {
    const client = socket({ key: READ_KEY });
    const runs = client.subscribe(Runs);
    expect((await client.execute(Viewer)).data).toEqual({ viewer: { role: 'READ' } });
    const refused = await client.execute(Reconcile);
    expect(refused.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
    // An admin's run reaches the read key's subscription: reading is all it needs.
    const { reconcile } = await query(service.graphqlUrl, Reconcile, undefined, { key: ADMIN_KEY });
    const [event] = await runs.untilEvents(1);
    expect(event?.reconciliationCompleted).toEqual({ id: reconcile.id, trigger: 'MANUAL' });
    expect(client.closed).toBeUndefined();
  });

  it('the key may also be sent as { apiKey } in the connection params', async () => {
    const client = socket({ connectionParams: { apiKey: ADMIN_KEY } });
    expect((await client.execute(Viewer)).data).toEqual({ viewer: { role: 'ADMIN' } });
  });
});
