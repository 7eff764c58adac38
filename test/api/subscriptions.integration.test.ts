import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { useService } from '../support/service-fixture.js';
import { AAPL_PUT, MAIN, OTHER, QQQ_CALL, SPY_CALL, SPY_PUT } from '../support/standard-book.js';
import { query } from './support/graphql-http.js';
import { subscribeSse } from './support/sse-client.js';
import { Subscriber, TRANSPORTS } from './support/transports.js';

const PositionUpdated = graphql(`
  subscription ApiPositionUpdated($filter: PositionFilter, $after: String) {
    positionUpdated(filter: $filter, after: $after) {
      cursor change at
      position { account quantity source contract { conId symbol } }
    }
  }
`);

const DiscrepancyChanged = graphql(`
  subscription ApiDiscrepancyChanged($filter: DiscrepancyFilter, $after: String) {
    discrepancyChanged(filter: $filter, after: $after) {
      cursor kind at
      discrepancy { id type severity status note contract { conId } }
    }
  }
`);

const ReconciliationCompleted = graphql(`
  subscription ApiReconciliationCompleted {
    reconciliationCompleted { id trigger status summary discrepancyCount }
  }
`);

const StatusChanged = graphql(`
  subscription ApiStatusChanged {
    statusChanged { mode broker { state accounts } store { path } reconciliation { running } }
  }
`);

const ReconcileNow = graphql(`
  mutation ApiReconcileNow {
    reconcile { id discrepancies { id type } }
  }
`);

const AcknowledgeNow = graphql(`
  mutation ApiAcknowledgeNow($id: ID!) {
    acknowledgeDiscrepancy(id: $id, note: "seen") { id }
  }
`);

const ResolveNow = graphql(`
  mutation ApiResolveNow($id: ID!) {
    resolveDiscrepancy(id: $id) { id }
  }
`);

const service = useService();
let subscriber: Subscriber | undefined;

afterEach(async () => {
  await subscriber?.dispose();
  subscriber = undefined;
});

describe.each(TRANSPORTS)('subscriptions over %s', (transport) => {
  const open = () => {
    subscriber = new Subscriber(transport, service.graphqlUrl);
    return subscriber;
  };

  it("positionUpdated: every change to the store's book as it happens, closes included, filtered", async () => {
    const onlyB = open().subscribe(PositionUpdated, { filter: { account: OTHER } });
    await service.untilSubscriptions(1);

    service.simulator.change(MAIN, SPY_CALL.conId, 20); // not B: never delivered
    service.simulator.change(OTHER, QQQ_CALL.conId, 4);
    service.simulator.open(OTHER, AAPL_PUT, 1);
    service.simulator.close(OTHER, QQQ_CALL.conId);
    const events = await onlyB.untilEvents(3);
    expect(events.map((e) => [e.positionUpdated.change, e.positionUpdated.position.contract.conId])).toEqual([
      ['CHANGED', QQQ_CALL.conId],
      ['OPENED', AAPL_PUT.conId],
      ['CLOSED', QQQ_CALL.conId],
    ]);
    expect(events.map((e) => e.positionUpdated.position.quantity)).toEqual([4, 1, 0]);
    expect(events.every((e) => e.positionUpdated.position.account === OTHER)).toBe(true);
    expect(events.every((e) => e.positionUpdated.position.source === 'STREAM')).toBe(true);
    expect(new Set(events.map((e) => e.positionUpdated.cursor)).size).toBe(3);
    expect(onlyB.resultErrors).toEqual([]);
  });

  it('discrepancyChanged: opened by a run, then acknowledged, then resolved', async () => {
    const live = open().subscribe(DiscrepancyChanged, { filter: { type: ['NAKED_POSITION'] } });
    await service.untilSubscriptions(1);

    service.simulator.silently.close(MAIN, SPY_PUT.conId);
    service.simulator.silently.change(OTHER, QQQ_CALL.conId, 9); // a mismatch: filtered out
    const { reconcile } = await query(service.graphqlUrl, ReconcileNow);
    const naked = reconcile.discrepancies.find((d) => d.type === 'NAKED_POSITION');
    await query(service.graphqlUrl, AcknowledgeNow, { id: naked?.id ?? '' });
    await query(service.graphqlUrl, ResolveNow, { id: naked?.id ?? '' });

    const events = await live.untilEvents(3);
    expect(events.map((e) => [e.discrepancyChanged.kind, e.discrepancyChanged.discrepancy.status])).toEqual([
      ['OPENED', 'OPEN'],
      ['ACKNOWLEDGED', 'ACKNOWLEDGED'],
      ['RESOLVED', 'RESOLVED'],
    ]);
    expect(events.every((e) => e.discrepancyChanged.discrepancy.id === naked?.id)).toBe(true);
    expect(events[0]?.discrepancyChanged.discrepancy).toMatchObject({
      type: 'NAKED_POSITION',
      severity: 'CRITICAL',
      contract: { conId: SPY_PUT.conId },
    });
    expect(events[1]?.discrepancyChanged.discrepancy.note).toBe('seen');
  });

  it('reconciliationCompleted: each finished run, whatever started it', async () => {
    const live = open().subscribe(ReconciliationCompleted);
    await service.untilSubscriptions(1);
    service.simulator.silently.open(OTHER, AAPL_PUT, 2);
    const { reconcile } = await query(service.graphqlUrl, ReconcileNow);
    const [event] = await live.untilEvents(1);
    expect(event?.reconciliationCompleted).toEqual({
      id: reconcile.id,
      trigger: 'MANUAL',
      status: 'DISCREPANCIES',
      summary: 'Broker: 4, Store: 3, Discrepancies: 1 (0 critical)',
      discrepancyCount: 1,
    });
  });

  it('statusChanged: publishes the broker losing its connection and getting it back', async () => {
    const live = open().subscribe(StatusChanged);
    await service.untilSubscriptions(1);
    service.simulator.dropAll();
    await live.untilEvent((e) => e.statusChanged.broker.state !== 'READY', 'a status with the broker down');
    const back = await live.untilEvent(
      (e) => e.statusChanged.broker.state === 'READY',
      'a status with the broker READY again',
    );
    expect(back.statusChanged).toMatchObject({
      mode: 'PAPER',
      broker: { accounts: [MAIN, OTHER] },
      store: { path: service.db },
    });
    const states = live.events.map((e) => e.statusChanged.broker.state);
    const down = states.findIndex((s) => s !== 'READY');
    expect(states.slice(down + 1)).toContain('READY');
  });
});

describe('SSE with GET, as `curl -N` or a browser EventSource would subscribe', () => {
  it('streams events for an operation in the query string', async () => {
    const live = subscribeSse(
      service.graphqlUrl,
      PositionUpdated,
      { filter: { symbol: 'QQQ' } },
      { method: 'GET' },
    );
    await service.untilSubscriptions(1);
    service.simulator.change(OTHER, QQQ_CALL.conId, 12);
    const [event] = await live.untilEvents(1);
    expect(event?.positionUpdated.position).toMatchObject({ quantity: 12, contract: { symbol: 'QQQ' } });
    await live.close();
  });
});
