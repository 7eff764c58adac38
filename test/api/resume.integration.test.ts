import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { type ServiceFixture, startService } from '../support/service-fixture.js';
import { AAPL_PUT, MAIN, OTHER, QQQ_CALL, SPY_CALL, SPY_PUT } from '../support/standard-book.js';
import { query } from './support/graphql-http.js';
import { Subscriber, TRANSPORTS } from './support/transports.js';

const Follow = graphql(`
  subscription ApiFollowPositions($after: String) {
    positionUpdated(after: $after) { cursor change position { account quantity contract { conId } } }
  }
`);

const FollowDiscrepancies = graphql(`
  subscription ApiFollowDiscrepancies($after: String) {
    discrepancyChanged(after: $after) { cursor kind discrepancy { id type status } }
  }
`);

const Position = graphql(`
  query ApiResumePosition($account: String!, $conId: Int!) {
    position(account: $account, conId: $conId) { quantity }
  }
`);

const Reconcile = graphql(`
  mutation ApiResumeReconcile {
    reconcile { discrepancies { id type } }
  }
`);

const Acknowledge = graphql(`
  mutation ApiResumeAcknowledge($id: ID!) {
    acknowledgeDiscrepancy(id: $id) { id }
  }
`);

const Resolve = graphql(`
  mutation ApiResumeResolve($id: ID!) {
    resolveDiscrepancy(id: $id) { id }
  }
`);

const ActiveWithCursor = graphql(`
  query ApiResumeActiveWithCursor {
    discrepanciesWithCursor { cursor discrepancies { id type status } }
  }
`);

let service: ServiceFixture;
const subscribers: Subscriber[] = [];

beforeEach(async () => {
  service = await startService();
});

afterEach(async () => {
  await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
  await service?.dispose();
});

/** Account B is not the portfolio feed's account: one trade there is exactly one update. */
async function trade(quantity: number): Promise<void> {
  service.simulator.change(OTHER, QQQ_CALL.conId, quantity);
  await expect
    .poll(
      async () =>
        (await query(service.graphqlUrl, Position, { account: OTHER, conId: QQQ_CALL.conId })).position
          ?.quantity,
      { timeout: 15_000, interval: 10 },
    )
    .toBe(quantity);
}

describe.each(TRANSPORTS)('resuming over %s', (transport) => {
  const connect = () => {
    const subscriber = new Subscriber(transport, service.graphqlUrl);
    subscribers.push(subscriber);
    return subscriber;
  };

  it('positionUpdated: a subscriber that missed N updates gets exactly those N after its cursor, then the live ones', async () => {
    const first = connect();
    const before = first.subscribe(Follow);
    await service.untilSubscriptions(1);
    await trade(4);
    await trade(5);
    const seen = await before.untilEvents(2);
    const lastCursor = seen[1]?.positionUpdated.cursor ?? '';
    await first.dispose(); // the connection goes away
    await service.untilSubscriptions(0);

    const missed = [10, 11, 12, 13, 14];
    for (const quantity of missed) await trade(quantity);

    const resumed = connect().subscribe(Follow, { after: lastCursor });
    const replayed = await resumed.untilEvents(missed.length);
    expect(replayed.map((e) => e.positionUpdated.position.quantity)).toEqual(missed);
    expect(replayed.every((e) => e.positionUpdated.change === 'CHANGED')).toBe(true);

    // Then live, with no gap and no duplicate: two more trades, then a marker on another key.
    await service.untilSubscriptions(1);
    await trade(20);
    await trade(21);
    service.simulator.change(MAIN, SPY_PUT.conId, -6);
    await resumed.untilEvent(
      (e) => e.positionUpdated.position.contract.conId === SPY_PUT.conId,
      'the marker',
    );
    const quantities = resumed.events
      .filter((e) => e.positionUpdated.position.contract.conId === QQQ_CALL.conId)
      .map((e) => e.positionUpdated.position.quantity);
    expect(quantities).toEqual([...missed, 20, 21]);
    const cursors = resumed.events.map((e) => e.positionUpdated.cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(cursors).not.toContain(lastCursor);
  });

  it('discrepancyChanged: the events missed while away, then the live ones', async () => {
    const first = connect();
    const before = first.subscribe(FollowDiscrepancies);
    await service.untilSubscriptions(1);
    service.simulator.silently.close(MAIN, SPY_PUT.conId);
    const { reconcile } = await query(service.graphqlUrl, Reconcile);
    const [opened] = await before.untilEvents(1);
    expect(opened?.discrepancyChanged.kind).toBe('OPENED');
    const lastCursor = opened?.discrepancyChanged.cursor ?? '';
    const naked = reconcile.discrepancies[0]?.id ?? '';
    await first.dispose();
    await service.untilSubscriptions(0);

    // Missed: the naked position acknowledged and resolved, and a new mismatch found.
    await query(service.graphqlUrl, Acknowledge, { id: naked });
    await query(service.graphqlUrl, Resolve, { id: naked });
    service.simulator.silently.open(OTHER, AAPL_PUT, 3);
    const second = await query(service.graphqlUrl, Reconcile);
    const missing = second.reconcile.discrepancies.find((d) => d.type === 'MISSING_FROM_STORE')?.id ?? '';

    const resumed = connect().subscribe(FollowDiscrepancies, { after: lastCursor });
    const replayed = await resumed.untilEvents(3);
    expect(replayed.map((e) => [e.discrepancyChanged.kind, e.discrepancyChanged.discrepancy.id])).toEqual([
      ['ACKNOWLEDGED', naked],
      ['RESOLVED', naked],
      ['OPENED', missing],
    ]);

    await service.untilSubscriptions(1);
    await query(service.graphqlUrl, Acknowledge, { id: missing });
    const live = await resumed.untilEvents(4);
    expect(live[3]?.discrepancyChanged).toMatchObject({ kind: 'ACKNOWLEDGED', discrepancy: { id: missing } });
    expect(resumed.events).toHaveLength(4);
    expect(resumed.events.map((e) => e.discrepancyChanged.cursor)).not.toContain(lastCursor);
  });
});

describe.each(TRANSPORTS)('the query, then the subscription from its cursor, over %s', (transport) => {
  it('what the list shows is not replayed; every change after the list is, then live', async () => {
    const empty = await query(service.graphqlUrl, ActiveWithCursor);
    expect(empty.discrepanciesWithCursor.discrepancies).toEqual([]);

    service.simulator.silently.close(MAIN, SPY_PUT.conId);
    const { reconcile } = await query(service.graphqlUrl, Reconcile);
    const naked = reconcile.discrepancies[0]?.id ?? '';
    const listed = await query(service.graphqlUrl, ActiveWithCursor);
    expect(listed.discrepanciesWithCursor.discrepancies).toEqual([
      { id: naked, type: 'NAKED_POSITION', status: 'OPEN' },
    ]);
    // Changes between the query and the subscription: they must not fall in between.
    await query(service.graphqlUrl, Acknowledge, { id: naked });
    service.simulator.silently.open(OTHER, AAPL_PUT, 3);
    await query(service.graphqlUrl, Reconcile);

    const subscriber = new Subscriber(transport, service.graphqlUrl);
    subscribers.push(subscriber);
    const after = listed.discrepanciesWithCursor.cursor;
    const followed = subscriber.subscribe(FollowDiscrepancies, { after });
    const replayed = await followed.untilEvents(2);
    expect(replayed.map((e) => [e.discrepancyChanged.kind, e.discrepancyChanged.discrepancy.type])).toEqual([
      ['ACKNOWLEDGED', 'NAKED_POSITION'],
      ['OPENED', 'MISSING_FROM_STORE'],
    ]);
    await service.untilSubscriptions(1);
    await query(service.graphqlUrl, Resolve, { id: naked });
    const live = await followed.untilEvents(3);
    expect(live[2]?.discrepancyChanged).toMatchObject({ kind: 'RESOLVED', discrepancy: { id: naked } });
    expect(followed.events).toHaveLength(3);

    // From the first, empty list's cursor, the opening itself is replayed too.
    const fromEmpty = subscriber.subscribe(FollowDiscrepancies, {
      after: empty.discrepanciesWithCursor.cursor,
    });
    const all = await fromEmpty.untilEvents(4);
    expect(all[0]?.discrepancyChanged).toMatchObject({ kind: 'OPENED', discrepancy: { id: naked } });
  });
});

describe('resuming from an old cursor', () => {
  it('replays from the store when the missed updates are long written, and the book agrees', async () => {
    const subscriber = new Subscriber('websocket', service.graphqlUrl);
    subscribers.push(subscriber);
    const live = subscriber.subscribe(Follow);
    await service.untilSubscriptions(1);
    service.simulator.change(MAIN, SPY_CALL.conId, 11);
    const [mark] = await live.untilEvents(1);
    await live.close();
    await service.untilSubscriptions(0);
    for (const quantity of [30, 31, 32]) await trade(quantity);
    // Every missed update is durable by now (the flush interval is 20 ms): the replay reads the file.
    await expect.poll(() => service.metric('sentinel_write_buffer_updates'), { timeout: 15_000 }).toBe(0);
    const resumed = subscriber.subscribe(Follow, { after: mark?.positionUpdated.cursor ?? null });
    const replayed = await resumed.untilEvent(
      (e) => e.positionUpdated.position.quantity === 32,
      'the last missed trade',
    );
    expect(replayed.positionUpdated.position.contract.conId).toBe(QQQ_CALL.conId);
    const qqq = resumed.events.filter((e) => e.positionUpdated.position.contract.conId === QQQ_CALL.conId);
    expect(qqq.map((e) => e.positionUpdated.position.quantity)).toEqual([30, 31, 32]);
  });
});

describe('resuming while the missed updates are still in the write buffer', () => {
  it('replays them from the buffer: buffered updates count as stored', async () => {
    await service.dispose();
    // Nothing is written for an hour (only at shutdown): every update stays in the buffer.
    service = await startService({ flags: ['--flush-interval-ms=3600000'] });
    const subscriber = new Subscriber('sse', service.graphqlUrl);
    subscribers.push(subscriber);
    const live = subscriber.subscribe(Follow);
    await service.untilSubscriptions(1);
    await trade(40);
    const [mark] = await live.untilEvents(1);
    await live.close();
    await service.untilSubscriptions(0);
    for (const quantity of [41, 42]) await trade(quantity);
    expect(await service.metric('sentinel_updates_written_total')).toBe(0);

    const resumed = subscriber.subscribe(Follow, { after: mark?.positionUpdated.cursor ?? null });
    const replayed = await resumed.untilEvents(2);
    expect(replayed.map((e) => e.positionUpdated.position.quantity)).toEqual([41, 42]);
  });
});
