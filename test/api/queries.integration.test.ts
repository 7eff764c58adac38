import { describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { type ServiceFixture, useService } from '../support/service-fixture.js';
import { MAIN, OTHER, QQQ_CALL, SPY_CALL, SPY_PUT } from '../support/standard-book.js';
import { query } from './support/graphql-http.js';

const Book = graphql(`
  query ApiBook($filter: PositionFilter) {
    positions(filter: $filter) {
      id
      account
      quantity
      averageCost
      source
      updatedAt
      contract { conId symbol secType localSymbol expiry strike right multiplier currency }
    }
  }
`);

const OnePosition = graphql(`
  query ApiOnePosition($account: String!, $conId: Int!) {
    position(account: $account, conId: $conId) { account quantity contract { conId symbol } }
  }
`);

const AsOf = graphql(`
  query ApiAsOf($at: DateTime!, $filter: PositionFilter) {
    positionsAsOf(at: $at, filter: $filter) { account quantity contract { conId } }
  }
`);

const History = graphql(`
  query ApiHistory($account: String!, $conId: Int!, $first: Int, $after: String) {
    positionHistory(account: $account, conId: $conId, first: $first, after: $after) {
      edges { cursor node { cursor change at position { quantity source } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`);

const BrokerBook = graphql(`
  query ApiBrokerBook($filter: PositionFilter) {
    brokerPositions(filter: $filter) {
      account quantity marketPrice marketValue contract { conId symbol }
    }
  }
`);

const Status = graphql(`
  query ApiStatus {
    status {
      mode version startedAt
      broker { state host port clientId accounts serverVersion connectedSince lastMessageAt lastError }
      store { path bufferedUpdates lastFlushAt totalUpdates lastError }
      reconciliation { running intervalMs nextRunAt lastRun { trigger status summary } }
    }
    viewer { role }
  }
`);

const service = useService();

const byKey = (rows: readonly { account: string; contract: { conId: number } }[]) =>
  rows.map((r) => `${r.account}/${r.contract.conId}`);

describe('queries over HTTP against the simulator-backed service', () => {
  it("positions: the broker's book as stored, with its contracts, filtered by account and symbol", async () => {
    const { positions } = await query(service.graphqlUrl, Book);
    expect(byKey(positions)).toEqual([
      `${MAIN}/${SPY_CALL.conId}`,
      `${MAIN}/${SPY_PUT.conId}`,
      `${OTHER}/${QQQ_CALL.conId}`,
    ]);
    const spyCall = positions.find((p) => p.contract.conId === SPY_CALL.conId);
    expect(spyCall).toMatchObject({
      id: expect.any(String),
      quantity: 10,
      averageCost: 1250,
      contract: {
        symbol: 'SPY',
        secType: 'OPT',
        localSymbol: SPY_CALL.localSymbol,
        expiry: SPY_CALL.expiry,
        strike: 600,
        right: 'CALL',
        multiplier: 100,
        currency: 'USD',
      },
    });
    expect(new Date(spyCall?.updatedAt ?? '').toISOString()).toBe(spyCall?.updatedAt);

    const onlyB = await query(service.graphqlUrl, Book, { filter: { account: OTHER } });
    expect(byKey(onlyB.positions)).toEqual([`${OTHER}/${QQQ_CALL.conId}`]);
    const onlySpy = await query(service.graphqlUrl, Book, { filter: { symbol: 'spy' } });
    expect(onlySpy.positions.map((p) => p.contract.conId)).toEqual([SPY_CALL.conId, SPY_PUT.conId]);
  });

  it('positions: a closed position leaves the book and shows only when closed ones are asked for', async () => {
    service.simulator.close(MAIN, SPY_PUT.conId);
    await expect
      .poll(async () => byKey((await query(service.graphqlUrl, Book)).positions), { timeout: 15_000 })
      .not.toContain(`${MAIN}/${SPY_PUT.conId}`);
    const withClosed = await query(service.graphqlUrl, Book, { filter: { includeClosed: true } });
    expect(withClosed.positions.find((p) => p.contract.conId === SPY_PUT.conId)?.quantity).toBe(0);
  });

  it('position: one key, and null for a key the store never saw', async () => {
    const found = await query(service.graphqlUrl, OnePosition, { account: OTHER, conId: QQQ_CALL.conId });
    expect(found.position).toEqual({
      account: OTHER,
      quantity: 3,
      contract: { conId: QQQ_CALL.conId, symbol: 'QQQ' },
    });
    const missing = await query(service.graphqlUrl, OnePosition, { account: OTHER, conId: SPY_CALL.conId });
    expect(missing.position).toBeNull();
  });

  it('positionsAsOf: the book as it was before a change, and as it is after', async () => {
    const before = new Date().toISOString();
    service.simulator.change(MAIN, SPY_CALL.conId, 25);
    await untilQuantity(service, MAIN, SPY_CALL.conId, 25);
    const after = new Date().toISOString();

    const then = await query(service.graphqlUrl, AsOf, { at: before, filter: { account: MAIN } });
    const now = await query(service.graphqlUrl, AsOf, { at: after, filter: { account: MAIN } });
    const spyCallIn = (rows: typeof then.positionsAsOf) =>
      rows.find((p) => p.contract.conId === SPY_CALL.conId)?.quantity;
    expect(spyCallIn(then.positionsAsOf)).toBe(10);
    expect(spyCallIn(now.positionsAsOf)).toBe(25);
    const beforeEverything = await query(service.graphqlUrl, AsOf, { at: '2000-01-01T00:00:00Z' });
    expect(beforeEverything.positionsAsOf).toEqual([]);
  });

  it('positionHistory: every change of one key, newest first, in pages that continue after a cursor', async () => {
    // Account B: not the portfolio feed's account, so each trade is exactly one update.
    for (const quantity of [4, 5, 6]) {
      service.simulator.change(OTHER, QQQ_CALL.conId, quantity);
      await untilQuantity(service, OTHER, QQQ_CALL.conId, quantity);
    }
    const first = await query(service.graphqlUrl, History, {
      account: OTHER,
      conId: QQQ_CALL.conId,
      first: 2,
    });
    const page1 = first.positionHistory;
    expect(page1.edges.map((e) => e.node.position.quantity)).toEqual([6, 5]);
    expect(page1.edges.map((e) => e.node.change)).toEqual(['CHANGED', 'CHANGED']);
    expect(page1.edges.every((e) => e.cursor === e.node.cursor)).toBe(true);
    expect(page1.pageInfo).toEqual({ hasNextPage: true, endCursor: page1.edges[1]?.cursor });

    const second = await query(service.graphqlUrl, History, {
      account: OTHER,
      conId: QQQ_CALL.conId,
      first: 50,
      after: page1.pageInfo.endCursor,
    });
    const page2 = second.positionHistory;
    // The oldest row is the feed's starting state, stored as SNAPSHOT when the service connected.
    expect(page2.edges.map((e) => e.node.position.quantity)).toEqual([4, 3]);
    expect(page2.edges.at(-1)?.node).toMatchObject({ change: 'OPENED', position: { source: 'SNAPSHOT' } });
    expect(page2.pageInfo.hasNextPage).toBe(false);
  });

  it("brokerPositions: the broker's live book in memory, with the portfolio feed's prices", async () => {
    const { brokerPositions } = await query(service.graphqlUrl, BrokerBook);
    expect(byKey(brokerPositions)).toEqual([
      `${MAIN}/${SPY_CALL.conId}`,
      `${MAIN}/${SPY_PUT.conId}`,
      `${OTHER}/${QQQ_CALL.conId}`,
    ]);
    // The first account is the one whose portfolio feed is subscribed: it has prices and values.
    expect(brokerPositions.find((p) => p.contract.conId === SPY_CALL.conId)).toMatchObject({
      marketPrice: 12.5,
      marketValue: 12_500,
    });
    const filtered = await query(service.graphqlUrl, BrokerBook, { filter: { symbol: 'QQQ' } });
    expect(byKey(filtered.brokerPositions)).toEqual([`${OTHER}/${QQQ_CALL.conId}`]);
  });

  it('status and viewer: broker, store and schedule as a dashboard shows them', async () => {
    const { status, viewer } = await query(service.graphqlUrl, Status);
    expect(status).toMatchObject({
      mode: 'PAPER',
      broker: {
        state: 'READY',
        host: '127.0.0.1',
        port: service.simulator.port,
        clientId: 17,
        accounts: [MAIN, OTHER],
        lastError: null,
      },
      store: { path: service.db, lastError: null },
      reconciliation: {
        running: false,
        intervalMs: 3_600_000,
        lastRun: {
          trigger: 'STARTUP',
          status: 'CLEAN',
          summary: 'Broker: 3, Store: 3, Discrepancies: 0 (0 critical)',
        },
      },
    });
    expect(status.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(status.broker.serverVersion).toBeGreaterThanOrEqual(100);
    expect(status.broker.connectedSince).not.toBeNull();
    expect(status.reconciliation.nextRunAt).not.toBeNull();
    // Without API keys the service listens on loopback only, and every caller there is an admin.
    expect(viewer).toEqual({ role: 'ADMIN' });
  });
});

async function untilQuantity(service: ServiceFixture, account: string, conId: number, quantity: number) {
  await expect
    .poll(async () => (await query(service.graphqlUrl, OnePosition, { account, conId })).position?.quantity, {
      timeout: 15_000,
      interval: 20,
    })
    .toBe(quantity);
}
