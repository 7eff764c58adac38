import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { useService } from '../support/service-fixture.js';
import { MAIN, OTHER, QQQ_CALL, SPY_CALL } from '../support/standard-book.js';
import { until } from '../support/until.js';
import { query } from './support/graphql-http.js';
import { RawGraphqlWs } from './support/raw-graphql-ws.js';
import { type SseSubscription, subscribeSse } from './support/sse-client.js';
import { Subscriber, TRANSPORTS, type Transport } from './support/transports.js';
import { WebSocketClient } from './support/websocket-client.js';

const Follow = graphql(`
  subscription ApiCohortFollow($account: String, $after: String) {
    positionUpdated(filter: { account: $account }, after: $after) {
      cursor
      change
      position { account quantity contract { conId } }
    }
  }
`);

const Position = graphql(`
  query ApiCohortPosition($account: String!, $conId: Int!) {
    position(account: $account, conId: $conId) { quantity }
  }
`);

/** Big results (14 copies of the position), so that a stalled SSE reader backs up in fewer events. */
const FollowHeavy = graphql(`
  subscription ApiCohortFollowHeavy($account: String) {
    positionUpdated(filter: { account: $account }) {
      cursor
      p0: position { ...CohortHeavyPosition }
      p1: position { ...CohortHeavyPosition }
      p2: position { ...CohortHeavyPosition }
      p3: position { ...CohortHeavyPosition }
      p4: position { ...CohortHeavyPosition }
      p5: position { ...CohortHeavyPosition }
      p6: position { ...CohortHeavyPosition }
      p7: position { ...CohortHeavyPosition }
      p8: position { ...CohortHeavyPosition }
      p9: position { ...CohortHeavyPosition }
      p10: position { ...CohortHeavyPosition }
      p11: position { ...CohortHeavyPosition }
      p12: position { ...CohortHeavyPosition }
      p13: position { ...CohortHeavyPosition }
    }
  }
  fragment CohortHeavyPosition on Position {
    id account quantity averageCost marketPrice marketValue updatedAt source
    contract { conId symbol secType localSymbol expiry strike right multiplier currency exchange tradingClass }
  }
`);

const service = useService({ apiKeys: ['reader-key-0001:read', 'admin-key-00001:admin'] });
const subscribers: Subscriber[] = [];
const sockets: WebSocketClient[] = [];
const streams: SseSubscription<unknown>[] = [];
const raw: RawGraphqlWs[] = [];

afterEach(async () => {
  for (const r of raw.splice(0)) r.close();
  await Promise.all(streams.splice(0).map((s) => s.close()));
  await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
  await Promise.all(sockets.splice(0).map((s) => s.dispose()));
});

const ADMIN = 'admin-key-00001';
const READER = 'reader-key-0001';

/** One client of its own (its own socket, or its own SSE connection per subscription). */
function client(transport: Transport, key = ADMIN): Subscriber {
  const subscriber = new Subscriber(transport, service.graphqlUrl, key);
  subscribers.push(subscriber);
  return subscriber;
}

async function metric(series: string): Promise<number | undefined> {
  return service.metric(series, ADMIN);
}

async function untilMetric(series: string, value: number): Promise<void> {
  await expect.poll(() => metric(series), { timeout: 15_000, interval: 10, message: series }).toBe(value);
}

/** One change of one key in account B (not the portfolio feed's account): exactly one event. */
async function trade(quantity: number, account = OTHER, conId = QQQ_CALL.conId): Promise<void> {
  service.simulator.change(account, conId, quantity);
  await expect
    .poll(
      async () =>
        (await query(service.graphqlUrl, Position, { account, conId }, { key: ADMIN })).position?.quantity,
      {
        timeout: 15_000,
        interval: 10,
      },
    )
    .toBe(quantity);
}

/** How each transport refuses a subscriber without a key. */
async function refusedWithoutKey(transport: Transport): Promise<void> {
  if (transport === 'sse') {
    const anonymous = subscribeSse(service.graphqlUrl, Follow, { account: OTHER });
    streams.push(anonymous as SseSubscription<unknown>);
    expect(await anonymous.status()).toBe(401);
    return;
  }
  const anonymous = new WebSocketClient(service.wsUrl);
  sockets.push(anonymous);
  await until(() => anonymous.closed !== undefined, 'the socket without a key to be closed');
  expect(anonymous.closed?.code).toBe(4401);
}

describe.each(TRANSPORTS)('subscription cohorts over %s', (transport) => {
  it('subscribers asking the same thing share one execution and receive identical results', async () => {
    const members = [client(transport), client(transport), client(transport)].map((s) =>
      s.subscribe(Follow, { account: OTHER }),
    );
    await untilMetric('sentinel_active_subscriptions', 3);
    expect(await metric('sentinel_subscription_cohorts')).toBe(1);
    for (const q of [4, 5, 6]) await trade(q);
    const seen = await Promise.all(members.map((m) => m.untilEvents(3)));
    expect(seen[0]?.map((e) => e.positionUpdated.position.quantity)).toEqual([4, 5, 6]);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toEqual(seen[0]);
  });

  it('a different filter is a different cohort, and each gets only what it asked for', async () => {
    const onB = client(transport).subscribe(Follow, { account: OTHER });
    const onA = client(transport).subscribe(Follow, { account: MAIN });
    await untilMetric('sentinel_subscription_cohorts', 2);
    await trade(7);
    await trade(11, MAIN, SPY_CALL.conId);
    expect((await onB.untilEvents(1)).map((e) => e.positionUpdated.position.account)).toEqual([OTHER]);
    const a = await onA.untilEvent(
      (e) => e.positionUpdated.position.quantity === 11,
      'the trade in account A',
    );
    expect(a.positionUpdated.position.account).toBe(MAIN);
    expect(onA.events.every((e) => e.positionUpdated.position.account === MAIN)).toBe(true);
    expect(onB.events.every((e) => e.positionUpdated.position.account === OTHER)).toBe(true);
  });

  it('a member leaving does not disturb the others; the last one out releases the source', async () => {
    const [first, second, third] = [client(transport), client(transport), client(transport)].map((s) =>
      s.subscribe(Follow, { account: OTHER }),
    );
    await untilMetric('sentinel_active_subscriptions', 3);
    // Over SSE the client just goes away (it aborts its request): its membership ends with it.
    await first?.close();
    await untilMetric('sentinel_active_subscriptions', 2);
    await trade(8);
    expect((await second?.untilEvents(1))?.[0]?.positionUpdated.position.quantity).toBe(8);
    expect((await third?.untilEvents(1))?.[0]?.positionUpdated.position.quantity).toBe(8);
    expect(first?.events).toEqual([]);
    await second?.close();
    await third?.close();
    // No source is left open behind the cohort: the stream's own count is back to zero too.
    await untilMetric('sentinel_active_subscriptions', 0);
    expect(await metric('sentinel_subscription_cohorts')).toBe(0);
    expect(await metric('sentinel_sse_streams')).toBe(0);
  });

  it('authorization is per member: a read key and an admin key are different cohorts, and both are served', async () => {
    const reader = client(transport, READER).subscribe(Follow, { account: OTHER });
    const admin = client(transport, ADMIN).subscribe(Follow, { account: OTHER });
    await untilMetric('sentinel_subscription_cohorts', 2);
    await refusedWithoutKey(transport);
    await trade(9);
    expect((await reader.untilEvents(1))[0]).toEqual((await admin.untilEvents(1))[0]);
  });

  it('a member resuming from its cursor replays its own gap, then joins the live cohort, without gap or duplicate', async () => {
    const live = client(transport).subscribe(Follow, { account: OTHER });
    await untilMetric('sentinel_active_subscriptions', 1);
    await trade(1);
    const [firstEvent] = await live.untilEvents(1);
    for (const q of [2, 3, 4]) await trade(q);
    const resumed = client(transport).subscribe(Follow, {
      account: OTHER,
      after: firstEvent?.positionUpdated.cursor,
    });
    const replayed = await resumed.untilEvents(3);
    expect(replayed.map((e) => e.positionUpdated.position.quantity)).toEqual([2, 3, 4]);
    // Once caught up it is one more member of the same cohort.
    await untilMetric('sentinel_active_subscriptions', 2);
    expect(await metric('sentinel_subscription_cohorts')).toBe(1);
    await trade(5);
    await resumed.untilEvents(4);
    await live.untilEvents(5);
    expect(resumed.events.map((e) => e.positionUpdated.position.quantity)).toEqual([2, 3, 4, 5]);
    expect(live.events.slice(-1)).toEqual(resumed.events.slice(-1));
  });
});

describe('one cohort for both transports', () => {
  it('identical subscriptions over SSE and WebSocket share one execution and receive identical results', async () => {
    const members = (['sse', 'websocket', 'sse', 'websocket'] as const).map((transport) =>
      client(transport).subscribe(Follow, { account: OTHER }),
    );
    await untilMetric('sentinel_active_subscriptions', 4);
    expect(await metric('sentinel_subscription_cohorts')).toBe(1);
    expect(await metric('sentinel_sse_streams')).toBe(2);
    expect(await metric('sentinel_websocket_connections')).toBe(2);
    for (const q of [12, 13]) await trade(q);
    const seen = await Promise.all(members.map((m) => m.untilEvents(2)));
    expect(seen[0]?.map((e) => e.positionUpdated.position.quantity)).toEqual([12, 13]);
    for (const other of seen.slice(1)) expect(other).toEqual(seen[0]);
    // Every delivery counted once per subscriber, whatever its transport.
    expect(await metric('sentinel_events_delivered_total')).toBeGreaterThanOrEqual(8);
  });
});

type FollowResult = { data: { positionUpdated: { cursor: string; position: { quantity: number } } } };

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('slow consumers', () => {
  it('a client that stops reading is closed with 4290 before its backlog grows; resuming from its cursor loses nothing', async () => {
    const stalled = await RawGraphqlWs.connect(service.wsUrl, { authorization: `Bearer ${ADMIN}` });
    raw.push(stalled);
    // Many identical subscriptions on one socket: each event is written once per subscription.
    const ids = Array.from({ length: 90 }, (_, i) => `s${i}`);
    for (const id of ids) stalled.subscribe(id, Follow.toString(), { account: OTHER });
    await untilMetric('sentinel_active_subscriptions', ids.length);
    await trade(101);
    await until(() => stalled.results('s0').length === 1, 'the first event');
    stalled.pause();

    // Trade until the service gives up on the stalled socket; every trade is stored before the next check.
    let last = 101;
    while ((await metric('sentinel_slow_consumers_closed_total')) === 0) {
      for (let i = 0; i < 20; i++) service.simulator.change(OTHER, QQQ_CALL.conId, ++last);
      await trade(++last);
      expect(last, 'the service never closed the stalled socket').toBeLessThan(20_000);
    }
    // It stopped writing: its subscriptions leave their cohort with the next event, even before the
    // socket finishes closing (that waits for the client to read the close frame).
    await trade(++last);
    await untilMetric('sentinel_subscription_cohorts', 0);
    stalled.resume();
    await until(() => stalled.closed !== undefined, 'the close frame');
    expect(stalled.closed?.code).toBe(4290);
    expect(stalled.closed?.reason).toMatch(/resume after your last cursor/);

    // What arrived is a prefix of the trades, in order; the rest comes on resuming from its cursor.
    const received = stalled.results('s0') as FollowResult[];
    const quantities = received.map((r) => r.data.positionUpdated.position.quantity);
    expect(quantities).toEqual(range(101, 100 + quantities.length));
    expect(quantities.length).toBeLessThan(last - 100);
    const cursor = received.at(-1)?.data.positionUpdated.cursor;
    const resumed = client('websocket').subscribe(Follow, { account: OTHER, after: cursor });
    const missed = await resumed.untilEvents(last - 100 - quantities.length);
    expect(missed.map((e) => e.positionUpdated.position.quantity)).toEqual(
      range(101 + quantities.length, last),
    );
  });

  it('an SSE reader that stops reading gets `event: error` before its backlog grows; resuming from its cursor loses nothing', async () => {
    const stalled = subscribeSse(service.graphqlUrl, FollowHeavy, { account: OTHER }, { key: ADMIN });
    streams.push(stalled as SseSubscription<unknown>);
    await untilMetric('sentinel_active_subscriptions', 1);
    await trade(101);
    await stalled.untilEvents(1);
    stalled.pause();

    // Trade until the service gives up on the stalled reader; every trade is stored before the next check.
    let last = 101;
    while ((await metric('sentinel_slow_consumers_closed_total')) === 0) {
      for (let i = 0; i < 20; i++) service.simulator.change(OTHER, QQQ_CALL.conId, ++last);
      await trade(++last);
      expect(last, 'the service never ended the stalled stream').toBeLessThan(20_000);
    }
    // It stopped writing and left its cohort at once, before the client read anything more.
    await untilMetric('sentinel_subscription_cohorts', 0);
    await untilMetric('sentinel_active_subscriptions', 0);
    stalled.resume();
    expect(await stalled.untilEnded()).toEqual({
      by: 'error event',
      errors: [
        {
          message: expect.stringMatching(/resume after your last cursor/),
          extensions: { code: 'CONSUMER_TOO_SLOW' },
        },
      ],
    });
    await untilMetric('sentinel_sse_streams', 0);

    // What arrived is a prefix of the trades, in order; the rest comes on resuming from its cursor.
    const quantities = stalled.events.map((e) => e.positionUpdated.p13.quantity);
    expect(quantities).toEqual(range(101, 100 + quantities.length));
    expect(quantities.length).toBeLessThan(last - 100);
    const cursor = stalled.events.at(-1)?.positionUpdated.cursor;
    const resumed = client('sse').subscribe(Follow, { account: OTHER, after: cursor });
    const missed = await resumed.untilEvents(last - 100 - quantities.length);
    expect(missed.map((e) => e.positionUpdated.position.quantity)).toEqual(
      range(101 + quantities.length, last),
    );
  });
});
