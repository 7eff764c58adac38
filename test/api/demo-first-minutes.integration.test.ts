import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { CliProcess } from './support/cli-process.js';
import { query } from './support/graphql-http.js';
import { WebSocketClient } from './support/websocket-client.js';

const Book = graphql(`
  query ApiDemoBook {
    positions { account quantity contract { symbol secType expiry strike right } }
  }
`);

const Discrepancies = graphql(`
  subscription ApiDemoDiscrepancies {
    discrepancyChanged { kind discrepancy { type severity message } }
  }
`);

// The product's promise to a newcomer, with the demo's own defaults: GraphiQL within 30 s, the
// demo book in the API, and a discrepancy found and pushed to a subscriber within 2 minutes.
const TWO_MINUTES = 120_000;

let demo: CliProcess | undefined;
let socket: WebSocketClient | undefined;
let store = '';

afterEach(async () => {
  await socket?.dispose();
  await demo?.dispose();
  if (store !== '') for (const file of [store, `${store}.wal`]) rmSync(file, { force: true });
  store = '';
});

describe('the first minutes of `position-sentinel demo`', () => {
  it('serves GraphiQL and the demo book, and within 2 minutes a subscriber receives a discrepancy', {
    timeout: TWO_MINUTES + 60_000,
  }, async () => {
    demo = new CliProcess(['demo', '--port=0']);
    const started = Date.now();
    const url = String((await demo.untilLog('API listening', 30_000)).graphql);
    store =
      demo.stdout
        .find((l) => l.trim().startsWith('Store '))
        ?.trim()
        .replace(/^Store\s+/, '') ?? '';

    const graphiql = await fetch(url, { headers: { accept: 'text/html' } });
    expect(graphiql.status).toBe(200);
    expect(await graphiql.text()).toContain('GraphiQL');
    expect(Date.now() - started).toBeLessThan(30_000);

    socket = new WebSocketClient(url.replace(/^http/, 'ws'));
    const discrepancies = socket.subscribe(Discrepancies);
    await expect
      .poll(async () => (await query(url, Book)).positions.length, { timeout: 30_000, interval: 100 })
      .toBeGreaterThan(0);
    const book = await query(url, Book);
    expect(
      book.positions.every((p) => p.contract.secType === 'OPT' && /^\d{8}$/.test(p.contract.expiry ?? '')),
    ).toBe(true);
    expect(new Set(book.positions.map((p) => p.account))).toEqual(new Set(['DU111111', 'DU222222']));

    await expect
      .poll(() => discrepancies.events.length, {
        timeout: TWO_MINUTES - (Date.now() - started),
        interval: 250,
      })
      .toBeGreaterThan(0);
    expect(discrepancies.events[0]?.discrepancyChanged).toMatchObject({ kind: 'OPENED' });
  });
});
