import { EventName } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { AAPL_230_P, NVDA_STOCK, SPXW_6000_C, SPY_550_P, SPY_600_C } from '../../support/contracts.js';
import { asReceived } from './support/received-contract.js';
import type { RecordingClient } from './support/recording-client.js';
import { SimulatorHarness, useSimulatorHarness } from './support/simulator-harness.js';

const h = useSimulatorHarness({
  allowClientErrors: true,
  book: (sim) => {
    sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.3 });
    sim.open('DU111111', SPXW_6000_C, -3, { averageCost: 4012.5, marketPrice: 41 });
    sim.open('DU222222', SPY_600_C, 1, { averageCost: 498 });
    sim.open('DU222222', NVDA_STOCK, 0.5, { averageCost: 181.25 });
    sim.open('DU222222', AAPL_230_P, 3, { averageCost: 650 });
    sim.close('DU222222', AAPL_230_P.conId);
  },
});

/** `positionMulti` args of request `reqId` received after `after`, without the request id. */
function rowsOf(client: RecordingClient, reqId: number, after = 0): (readonly unknown[])[] {
  return client.events
    .slice(after)
    .filter((e) => e.name === EventName.positionMulti && e.args[0] === reqId)
    .map((e) => e.args.slice(1));
}

/** Asks for one account's positions and waits for the end marker carrying the request's id. */
async function requestAccount(client: RecordingClient, reqId: number, account: string) {
  const after = client.mark();
  client.api.reqPositionsMulti(reqId, account, '');
  await client.waitFor(EventName.positionMultiEnd, ([id]) => id === reqId, { after });
  return { after, rows: rowsOf(client, reqId, after) };
}

function untilRequestLogged(clientId: number, type: string, count = 1): Promise<void> {
  return expect
    .poll(() => h.sim.requestsOf(clientId).filter((r) => r.request.type === type).length, {
      timeout: 10_000,
    })
    .toBeGreaterThanOrEqual(count);
}

describe('reqPositionsMulti in normal use', () => {
  afterEach(() => {
    // Normal use: the real client must not have reported a single error.
    expect(h.clientErrors()).toEqual([]);
  });

  it("answers every row of the requested account with the request's id, closed rows included, then its end", async () => {
    const client = await h.client(1);
    const { rows } = await requestAccount(client, 4001, 'DU222222');
    expect(rows).toEqual([
      ['DU222222', '', asReceived(SPY_600_C), 1, 498],
      ['DU222222', '', asReceived(AAPL_230_P), 0, 0],
      ['DU222222', '', asReceived(NVDA_STOCK), 0.5, 181.25],
    ]);
    expect(client.count(EventName.position)).toBe(0);
    expect(client.all(EventName.positionMultiEnd)).toEqual([[4001]]);
  });

  it("pushes that account's changes, and only them, to each request until it is cancelled", async () => {
    const client = await h.client(1);
    await requestAccount(client, 11, 'DU111111');
    await requestAccount(client, 12, 'DU222222');
    const mark = client.mark();

    h.sim.change('DU111111', SPY_600_C.conId, 5);
    h.sim.open('DU222222', SPY_550_P, -2, { averageCost: 300 });
    h.sim.close('DU111111', SPXW_6000_C.conId);
    await client.waitUntil(() => rowsOf(client, 11, mark).length === 2, 'the pushes of request 11');
    await client.waitUntil(() => rowsOf(client, 12, mark).length === 1, 'the push of request 12');
    expect(rowsOf(client, 11, mark).map((r) => [r[0], (r[2] as { conId: number }).conId, r[3]])).toEqual([
      ['DU111111', SPY_600_C.conId, 5],
      ['DU111111', SPXW_6000_C.conId, 0],
    ]);
    expect(rowsOf(client, 12, mark)).toEqual([['DU222222', '', asReceived(SPY_550_P), -2, 300]]);

    client.api.cancelPositionsMulti(11);
    await untilRequestLogged(1, 'CANCEL_POSITIONS_MULTI');
    const afterCancel = client.mark();
    h.sim.change('DU111111', SPY_600_C.conId, 6);
    h.sim.change('DU222222', SPY_600_C.conId, 4);
    await client.waitUntil(() => rowsOf(client, 12, afterCancel).length === 1, 'the push of request 12');
    await client.roundTrip();
    expect(rowsOf(client, 11, afterCancel)).toEqual([]);
    // The end marker comes once per request, never with a push.
    expect(client.all(EventName.positionMultiEnd)).toEqual([[11], [12]]);
  });

  it('sends a silent change to nobody, and shows it to the next request', async () => {
    const client = await h.client(1);
    await requestAccount(client, 1, 'DU111111');
    const mark = client.mark();
    h.sim.silently.change('DU111111', SPY_600_C.conId, 9);
    await client.roundTrip();
    expect(rowsOf(client, 1, mark)).toEqual([]);
    const { rows } = await requestAccount(client, 2, 'DU111111');
    expect(rows.map((r) => r[3])).toEqual([9, -3]);
  });

  it('logs each request and cancellation with its id on the connection that sent it', async () => {
    const client = await h.client(4);
    await requestAccount(client, 31, 'DU111111');
    client.api.cancelPositionsMulti(31);
    await untilRequestLogged(4, 'CANCEL_POSITIONS_MULTI');
    expect(h.sim.requestsOf(4).map((r) => r.request)).toEqual([
      { type: 'START_API', clientId: 4, capabilities: '' },
      { type: 'REQ_POSITIONS_MULTI', reqId: 31, account: 'DU111111', modelCode: '' },
      { type: 'CANCEL_POSITIONS_MULTI', reqId: 31 },
    ]);
  });

  it('replaces a request whose id the client uses again: one answer per id, for the latest account', async () => {
    const client = await h.client(1);
    await requestAccount(client, 6, 'DU111111');
    await requestAccount(client, 6, 'DU222222');
    const mark = client.mark();
    h.sim.change('DU111111', SPY_600_C.conId, 7);
    h.sim.change('DU222222', SPY_600_C.conId, 7);
    await client.waitUntil(() => rowsOf(client, 6, mark).length === 1, 'the push');
    await client.roundTrip();
    expect(rowsOf(client, 6, mark).map((r) => r[0])).toEqual(['DU222222']);
  });

  it('answers a request for a model, which the simulator does not have, with its end only', async () => {
    const client = await h.client(1);
    const after = client.mark();
    client.api.reqPositionsMulti(5, 'DU111111', 'GROWTH');
    await client.waitFor(EventName.positionMultiEnd, ([id]) => id === 5, { after });
    h.sim.change('DU111111', SPY_600_C.conId, 3);
    await client.roundTrip();
    expect(rowsOf(client, 5)).toEqual([]);
  });

  it('delays or withholds the end marker with the same controls as positionEnd', async () => {
    const client = await h.client(1);
    h.sim.delayPositionEnd(5_000);
    const after = client.mark();
    client.api.reqPositionsMulti(21, 'DU111111', '');
    await client.waitUntil(() => rowsOf(client, 21, after).length === 2, 'the rows');
    h.clock.advance(4_999);
    // A change while the end is held is pushed to the request at once, before the end.
    h.sim.change('DU111111', SPY_600_C.conId, 8);
    await client.waitUntil(() => rowsOf(client, 21, after).length === 3, 'the push');
    await client.roundTrip();
    expect(client.count(EventName.positionMultiEnd)).toBe(0);
    h.clock.advance(1);
    await client.waitFor(EventName.positionMultiEnd, ([id]) => id === 21, { after });

    h.sim.delayPositionEnd(0);
    h.sim.withholdPositionEnd(true);
    const withheld = client.mark();
    client.api.reqPositionsMulti(22, 'DU222222', '');
    await client.waitUntil(() => rowsOf(client, 22, withheld).length === 3, 'the rows');
    await client.roundTrip();
    expect(client.all(EventName.positionMultiEnd)).toEqual([[21]]);
    expect(h.simulatorEvents).toContainEqual(
      expect.objectContaining({ type: 'position-end-withheld', reqId: 22 }),
    );
  });

  it('never sends the end of a request cancelled while its end was delayed', async () => {
    const client = await h.client(1);
    h.sim.delayPositionEnd(5_000);
    client.api.reqPositionsMulti(41, 'DU111111', '');
    await untilRequestLogged(1, 'REQ_POSITIONS_MULTI');
    const timersWhileDelayed = h.clock.pendingCount;
    client.api.cancelPositionsMulti(41);
    await untilRequestLogged(1, 'CANCEL_POSITIONS_MULTI');
    expect(h.clock.pendingCount).toBe(timersWhileDelayed - 1);
    h.clock.advance(5_000);
    await client.roundTrip();
    expect(client.count(EventName.positionMultiEnd)).toBe(0);
  });

  it('forgets every request on 1101 (data lost) and when the socket closes', async () => {
    const client = await h.client(1);
    const other = await h.client(2);
    await requestAccount(client, 1, 'DU111111');
    await requestAccount(other, 1, 'DU111111');
    h.sim.sendCode(1101);
    await client.waitFor(EventName.info, ([, code]) => code === 1101);
    const mark = client.mark();
    h.sim.change('DU111111', SPY_600_C.conId, 4);
    await client.roundTrip();
    expect(rowsOf(client, 1, mark)).toEqual([]);

    await requestAccount(client, 2, 'DU111111');
    await other.disconnect();
    const again = client.mark();
    h.sim.change('DU111111', SPY_600_C.conId, 5);
    await client.waitUntil(() => rowsOf(client, 2, again).length === 1, 'the push to the open request');
  });
});

describe('reqPositionsMulti refused', () => {
  it("answers an account the login does not manage with error 321 carrying the request's id", async () => {
    const client = await h.client(1);
    client.api.reqPositionsMulti(77, 'DU999999', '');
    await client.waitFor(EventName.error);
    expect(client.errors()).toEqual([
      { message: expect.stringContaining('Invalid account code DU999999'), code: 321, reqId: 77 },
    ]);
    await client.roundTrip();
    expect(client.count(EventName.positionMultiEnd)).toBe(0);
    expect(client.count(EventName.positionMulti)).toBe(0);
  });

  it('refuses every request as not supported for this login while told to, then answers again', async () => {
    const client = await h.client(1);
    h.sim.refusePositionsMulti(true);
    client.api.reqPositionsMulti(8, 'DU111111', '');
    await client.waitFor(EventName.error);
    expect(client.errors()).toEqual([
      { message: expect.stringMatching(/not supported for this login/), code: 321, reqId: 8 },
    ]);
    h.sim.refusePositionsMulti(true, { code: 322, message: 'Error processing request: try later' });
    client.api.reqPositionsMulti(9, 'DU222222', '');
    await client.waitUntil(() => client.errors().length === 2, 'the second refusal');
    expect(client.errors()[1]).toEqual({
      message: 'Error processing request: try later',
      code: 322,
      reqId: 9,
    });
    expect(() => h.sim.refusePositionsMulti(true, { code: -4, message: 'x' })).toThrow(/integer ≥ 0/);

    h.sim.refusePositionsMulti(false);
    const { rows } = await requestAccount(client, 10, 'DU111111');
    expect(rows).toHaveLength(2);
    expect(client.errors()).toHaveLength(2);
  });

  it('is not offered below server version 103: the real client refuses to send it', async () => {
    const old = await SimulatorHarness.start({ serverVersion: 102 });
    try {
      const client = await old.client(1);
      client.api.reqPositionsMulti(3, 'DU111111', '');
      await client.waitFor(EventName.error);
      expect(client.errors()).toEqual([{ message: expect.stringContaining('102'), code: 503, reqId: 3 }]);
      await client.roundTrip();
      expect(old.sim.requestsOf(1).map((r) => r.request.type)).toEqual(['START_API', 'REQ_CURRENT_TIME']);
    } finally {
      await old.dispose();
    }
  });
});
