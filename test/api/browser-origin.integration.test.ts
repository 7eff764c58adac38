import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { useService } from '../support/service-fixture.js';
import { query } from './support/graphql-http.js';
import { WebSocketClient } from './support/websocket-client.js';

const Latest = graphql(`
  query ApiOriginLatest {
    latestReconciliation { id }
  }
`);

const Viewer = graphql(`
  query ApiOriginViewer {
    viewer { role }
  }
`);

const EVIL = 'https://evil.example';

// No API keys: on loopback every caller is an admin, which is what a hostile page would exploit.
const service = useService({}, 'file');

function socket(origin: string): WebSocketClient {
  const client = new WebSocketClient(service.wsUrl, { origin });
  service.cleanup(() => client.dispose());
  return client;
}

/** A raw HTTP request, so that the test can send the Host header a browser would after DNS rebinding. */
function rawPost(headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  const url = new URL(service.graphqlUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('requests a browser makes for another site', () => {
  it("a cross-site form cannot run a mutation on the trader's service", async () => {
    const before = await query(service.graphqlUrl, Latest);
    const response = await fetch(service.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: EVIL },
      body: `query=${encodeURIComponent('mutation { reconcile { id } }')}`,
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `cross-origin requests from ${EVIL} are refused: open the dashboard or GraphiQL served by this service`,
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    expect(await query(service.graphqlUrl, Latest)).toEqual(before);
  });

  it('another site may not read the API: no CORS permission is granted', async () => {
    const preflight = await fetch(service.graphqlUrl, {
      method: 'OPTIONS',
      headers: {
        origin: EVIL,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('a page that reached 127.0.0.1 through DNS rebinding is refused by its Host', async () => {
    const port = new URL(service.graphqlUrl).port;
    const rebound = await rawPost(
      {
        host: `evil.example:${port}`,
        origin: `http://evil.example:${port}`,
        'content-type': 'application/json',
      },
      JSON.stringify({ query: '{ viewer { role } }' }),
    );
    expect(rebound.status).toBe(403);
    expect(rebound.body).toContain('answers to localhost or 127.0.0.1');
  });

  it('a WebSocket opened by another site is closed with 4403', async () => {
    const client = socket(EVIL);
    client.subscribe(Viewer);
    await expect.poll(() => client.closed, { timeout: 15_000 }).toBeDefined();
    expect(client.closed?.code).toBe(4403);
    expect(client.connected).toBe(false);
  });

  it('the pages this service serves, and a local development server, work as before', async () => {
    const own = new URL(service.graphqlUrl).origin;
    for (const origin of [own, 'http://localhost:5173']) {
      const response = await fetch(service.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin },
        body: JSON.stringify({ query: '{ viewer { role } }' }),
      });
      expect([origin, response.status]).toEqual([origin, 200]);
      expect((await socket(origin).execute(Viewer)).data).toEqual({ viewer: { role: 'ADMIN' } });
    }
  });
});
