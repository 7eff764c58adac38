import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { type FailingDisk, failingDisk } from '../infra/duckdb/support/failing-disk.js';
import { captureLogger, type LogLine } from '../support/capture-logger.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { MAIN, SPY_PUT } from '../support/standard-book.js';
import { post, query } from './support/graphql-http.js';
import { Subscriber, TRANSPORTS } from './support/transports.js';
import { WebSocketClient } from './support/websocket-client.js';

const AsOf = graphql(`
  query ApiErrorsAsOf($at: DateTime!) {
    positionsAsOf(at: $at) { account }
  }
`);

const Runs = graphql(`
  query ApiErrorsRuns($first: Int, $after: String) {
    reconciliationRuns(first: $first, after: $after) { edges { cursor } }
  }
`);

const History = graphql(`
  query ApiErrorsHistory($account: String!, $conId: Int!) {
    positionHistory(account: $account, conId: $conId, first: 1) { edges { cursor } }
  }
`);

const Follow = graphql(`
  subscription ApiErrorsFollow($after: String) {
    positionUpdated(after: $after) { cursor }
  }
`);

const Acknowledge = graphql(`
  mutation ApiErrorsAcknowledge($id: ID!, $note: String) {
    acknowledgeDiscrepancy(id: $id, note: $note) { id status }
  }
`);

const Reconcile = graphql(`
  mutation ApiErrorsReconcile {
    reconcile { discrepancies { id } }
  }
`);

describe('errors a client can act on', () => {
  let service: ServiceFixture;
  const sockets: WebSocketClient[] = [];
  const subscribers: Subscriber[] = [];

  beforeAll(async () => {
    service = await startService();
  });
  afterAll(async () => {
    await Promise.all([...subscribers, ...sockets].map((s) => s.dispose()));
    await service?.dispose();
  });

  it('a variable the schema refuses is BAD_USER_INPUT with HTTP 400, and says what is wrong', async () => {
    const vague = await post(service.graphqlUrl, AsOf, { at: 'yesterday' });
    expect(vague.status).toBe(400);
    expect(vague.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('DateTime must be ISO-8601 with an offset'),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    // A date that does not exist is refused rather than rolled over into March.
    const impossible = await post(service.graphqlUrl, AsOf, { at: '2026-02-30T12:00:00Z' });
    expect(impossible.status).toBe(400);
    expect(impossible.errors?.[0]).toMatchObject({
      message: expect.stringContaining('not a valid DateTime: "2026-02-30T12:00:00Z"'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it("a body that is not JSON gets one sentence with the parser's reason, not the body quoted back", async () => {
    const body = '{ positions { account } }';
    const response = await fetch(service.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: "POST body sent invalid JSON: Expected property name or '}' in JSON at position 2",
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  });

  it('a page size out of range or a cursor of another list is BAD_USER_INPUT', async () => {
    const tooSmall = await post(service.graphqlUrl, Runs, { first: 0 });
    expect(tooSmall.errors?.[0]).toMatchObject({
      message: 'page size must be an integer from 1 to 1000, got 0',
      path: ['reconciliationRuns'],
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const history = await query(service.graphqlUrl, History, { account: MAIN, conId: SPY_PUT.conId });
    const positionCursor = history.positionHistory.edges[0]?.cursor ?? '';
    const foreign = await post(service.graphqlUrl, Runs, { after: positionCursor });
    expect(foreign.errors?.[0]).toMatchObject({
      message: `"${positionCursor}" is not a cursor of this list or subscription`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it.each(TRANSPORTS)('a subscription resumed from a bad cursor is refused over %s', async (transport) => {
    const subscriber = new Subscriber(transport, service.graphqlUrl);
    subscribers.push(subscriber);
    const live = subscriber.subscribe(Follow, { after: 'not-a-cursor' });
    const ending = await live.untilEnded();
    const errors = ending.by === 'errors' ? ending.errors : live.resultErrors;
    expect(errors).toEqual([
      expect.objectContaining({
        message: '"not-a-cursor" is not a cursor of this list or subscription',
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    expect(live.events).toEqual([]);
  });

  it('over WebSocket, domain errors carry the same codes as over HTTP', async () => {
    const client = new WebSocketClient(service.wsUrl);
    sockets.push(client);
    const unknown = await client.execute(Acknowledge, { id: 'no-such-discrepancy' });
    expect(unknown.errors).toEqual([
      expect.objectContaining({
        message: 'no discrepancy with id no-such-discrepancy',
        extensions: { code: 'NOT_FOUND' },
      }),
    ]);
    const variable = await client.execute(AsOf, { at: 'yesterday' });
    expect(variable.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(client.closed).toBeUndefined();
  });
});

describe('unexpected errors', () => {
  let disk: FailingDisk;
  let service: ServiceFixture | undefined;
  let logs: LogLine[];
  const sockets: WebSocketClient[] = [];

  beforeAll(() => {
    disk = failingDisk(16);
  });
  afterEach(async () => {
    await Promise.all(sockets.splice(0).map((s) => s.dispose()));
    disk.release();
    await service?.dispose();
    service = undefined;
  });
  afterAll(() => disk?.dispose());

  it("a store that cannot write is said plainly on both transports, never in the database's words, and logged in full", async () => {
    const captured = captureLogger();
    logs = captured.lines;
    service = await startService({ dbFolder: disk.path, logger: captured.logger });
    service.simulator.silently.close(MAIN, SPY_PUT.conId);
    const { reconcile } = await query(service.graphqlUrl, Reconcile);
    const id = reconcile.discrepancies[0]?.id ?? '';

    disk.fill(); // the next write fails deep inside DuckDB
    // A note larger than a page of the disk: the write cannot fit in what is left of the log's
    // last page, whatever the log's length happens to be.
    const note = 'n'.repeat(16_384);
    const overHttp = await post(service.graphqlUrl, Acknowledge, { id, note });
    const plainly = `could not record the change: ${disk.failure.plain}`;
    expect(overHttp.errors).toEqual([
      expect.objectContaining({
        message: plainly,
        path: ['acknowledgeDiscrepancy'],
        extensions: { code: 'STORE_UNAVAILABLE' },
      }),
    ]);
    const client = new WebSocketClient(service.wsUrl);
    sockets.push(client);
    const overWebSocket = await client.execute(Acknowledge, { id, note });
    expect(overWebSocket.errors).toEqual([
      expect.objectContaining({ message: plainly, extensions: { code: 'STORE_UNAVAILABLE' } }),
    ]);
    // Nothing about the machine (file names, the database's words) reached the client.
    const answers = JSON.stringify([overHttp, overWebSocket]);
    expect(answers).not.toMatch(/duckdb|DuckDB|\.wal|sentinel-failing-disk/);
    expect(answers).not.toMatch(disk.failure.system);
    // The operator's log has what happened.
    const logged = logs.filter((l) => l.msg.includes('could not use the store'));
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(logged[0])).toMatch(disk.failure.system);

    disk.release(); // room again: the same request now succeeds
    const { acknowledgeDiscrepancy } = await query(service.graphqlUrl, Acknowledge, { id });
    expect(acknowledgeDiscrepancy.status).toBe('ACKNOWLEDGED');
  });
});
