import { EventName, type ExecutionFilter, SecType } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../../src/infra/ib-simulator/simulator-options.js';
import { NVDA_STOCK, SPXW_6000_C, SPY_600_C } from '../../support/contracts.js';
import type { RecordingClient } from './support/recording-client.js';
import { SimulatorHarness } from './support/simulator-harness.js';

// The harness's manual clock starts here: 10:00:00 in New York.
const START_ID = '0000e0d5.6b06f7f0';
let h: SimulatorHarness;
let nextReqId = 9000;
/** Normal use: the real client reports no error, unless a test provokes one on purpose. */
let expectedErrors: unknown[] = [];

afterEach(async () => {
  const errors = h.clientErrors();
  await h.dispose();
  expect(errors).toEqual(expectedErrors);
  expectedErrors = [];
});

async function start(options: Omit<SimulatorOptions, 'clock'> = {}): Promise<SimulatorHarness> {
  h = await SimulatorHarness.start(options);
  return h;
}

interface Pulled {
  readonly reqId: number;
  readonly executions: { contract: Record<string, unknown>; execution: Record<string, unknown> }[];
  readonly commissions: Record<string, unknown>[];
}

/** reqExecutions as a client makes it: every execDetails with the request's id up to its end. */
async function pull(client: RecordingClient, filter: ExecutionFilter = {}): Promise<Pulled> {
  const reqId = nextReqId++;
  const after = client.mark();
  client.api.reqExecutions(reqId, filter);
  await client.waitFor(EventName.execDetailsEnd, ([id]) => id === reqId, { after });
  const since = client.events.slice(after);
  const end = since.findIndex((e) => e.name === EventName.execDetailsEnd && e.args[0] === reqId);
  const answered = since.slice(0, end);
  return {
    reqId,
    executions: answered
      .filter((e) => e.name === EventName.execDetails && e.args[0] === reqId)
      .map((e) => ({
        contract: e.args[1] as Record<string, unknown>,
        execution: e.args[2] as Record<string, unknown>,
      })),
    commissions: answered
      .filter((e) => e.name === EventName.commissionReport)
      .map((e) => e.args[0] as Record<string, unknown>),
  };
}

function execIds(pulled: Pulled): unknown[] {
  return pulled.executions.map((e) => e.execution.execId);
}

/** Live executions (request id -1) the client received after `after`. */
function pushed(client: RecordingClient, after = 0): Record<string, unknown>[] {
  return client.events
    .slice(after)
    .filter((e) => e.name === EventName.execDetails && e.args[0] === -1)
    .map((e) => e.args[2] as Record<string, unknown>);
}

describe('REQ_EXECUTIONS', () => {
  it('answers with the day’s executions, each with its contract and commission report, then the end with its id', async () => {
    await start();
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 });
    h.clock.advance(62_000);
    h.sim.setPrice(SPY_600_C.conId, 5.4);
    h.sim.change('DU111111', SPY_600_C.conId, 1);
    const client = await h.client(1);
    const answer = await pull(client);

    expect(answer.executions).toEqual([
      {
        contract: {
          conId: 700001,
          symbol: 'SPY',
          secType: 'OPT',
          lastTradeDateOrContractMonth: '20261218',
          strike: 600,
          right: 'C',
          multiplier: 100,
          exchange: 'CBOE',
          currency: 'USD',
          localSymbol: 'SPY   261218C00600000',
          tradingClass: 'SPY',
        },
        execution: {
          // An order placed by hand in TWS: client 0 and TWS's unset order id.
          orderId: 2147483647,
          execId: `${START_ID}.01.01`,
          time: '20261125 10:00:00 US/Eastern',
          acctNumber: 'DU111111',
          exchange: 'CBOE',
          side: 'BOT',
          shares: 2,
          price: 5.1,
          permId: 1800000001,
          clientId: 0,
          liquidation: 0,
          cumQty: 2,
          avgPrice: 5.1,
          orderRef: '',
          evRule: '',
          evMultiplier: 0,
          modelCode: '',
          lastLiquidity: 2,
        },
      },
      expect.objectContaining({
        execution: expect.objectContaining({
          execId: '0000e0d5.6b06f7f1.01.01',
          time: '20261125 10:01:02 US/Eastern',
          side: 'SLD',
          shares: 1,
          price: 5.4,
          permId: 1800000002,
        }),
      }),
    ]);
    // Opening realised nothing (unset on the wire); selling one at 5.40 bought at 5.10 realised
    // 30.00, less its 1.00 commission.
    expect(answer.commissions).toEqual([
      { execId: `${START_ID}.01.01`, commission: 1.3, currency: 'USD', yieldRedemptionDate: 0 },
      {
        execId: '0000e0d5.6b06f7f1.01.01',
        commission: 1,
        currency: 'USD',
        realizedPNL: 29,
        yieldRedemptionDate: 0,
      },
    ]);
    expect(client.all(EventName.execDetailsEnd)).toEqual([[answer.reqId]]);
  });

  it('is decoded alike by the real client at every server version it speaks', async () => {
    for (const serverVersion of [100, 102, 103, 135, 136, 176, 177, 178, 193]) {
      await start({ serverVersion });
      h.sim.open('DU111111', SPY_600_C, 3, { marketPrice: 5.1 });
      const client = await h.client(1);
      const [one] = (await pull(client)).executions;
      expect(one?.execution, `version ${serverVersion}`).toMatchObject({
        execId: `${START_ID}.01.01`,
        side: 'BOT',
        shares: 3,
        price: 5.1,
        cumQty: 3,
        clientId: 0,
        permId: 1800000001,
      });
      expect(one?.contract).toMatchObject({ conId: 700001, multiplier: 100, tradingClass: 'SPY' });
      expect('modelCode' in (one?.execution ?? {})).toBe(serverVersion >= 103);
      expect(one?.execution.lastLiquidity).toBe(serverVersion >= 136 ? 2 : undefined);
      expect(one?.execution.pendingPriceRevision).toBe(serverVersion >= 178 ? false : undefined);
      const errors = h.clientErrors();
      await h.dispose();
      expect(errors, `version ${serverVersion}`).toEqual([]);
    }
    await start();
  });

  it('returns the same executions, same ids, after a reconnect and to every client', async () => {
    await start();
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1, fills: 2 });
    h.sim.open('DU222222', SPXW_6000_C, -1, { marketPrice: 41, clientId: 3 });
    const first = await h.client(1);
    const before = execIds(await pull(first));
    expect(before).toEqual([`${START_ID}.01.01`, '0000e0d5.6b06f7f1.01.01', '0000e0d5.6b06f7f2.01.01']);

    h.sim.dropAll();
    await first.waitFor(EventName.disconnected);
    const again = await h.client(2);
    expect(execIds(await pull(again))).toEqual(before);
  });

  it('keeps only what passes the filter: client, account, time, symbol, type, exchange, side', async () => {
    await start();
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 }); // .f0, 10:00:00, client 0
    h.clock.advance(60_000);
    h.sim.open('DU222222', NVDA_STOCK, 10, { marketPrice: 180, clientId: 5 }); // .f1, 10:01:00 NYSE
    h.clock.advance(60_000);
    h.sim.change('DU111111', SPY_600_C.conId, 1, { exchange: 'ISE' }); // .f2, 10:02:00 SLD
    const client = await h.client(1);
    const ids = async (filter: ExecutionFilter) =>
      execIds(await pull(client, filter)).map((id) => String(id).slice(15, 17));

    expect(await ids({})).toEqual(['f0', 'f1', 'f2']);
    expect(await ids({ clientId: '5' })).toEqual(['f1']);
    expect(await ids({ acctCode: 'DU111111' })).toEqual(['f0', 'f2']);
    expect(await ids({ symbol: 'nvda' })).toEqual(['f1']);
    expect(await ids({ secType: SecType.OPT })).toEqual(['f0', 'f2']);
    expect(await ids({ exchange: 'ISE' })).toEqual(['f2']);
    expect(await ids({ side: 'SELL' })).toEqual(['f2']);
    expect(await ids({ side: 'BUY', acctCode: 'DU111111' })).toEqual(['f0']);
    // At or after the time, to the second: UTC with a dash, else the login's zone or the one named.
    expect(await ids({ time: '20261125-15:01:00' })).toEqual(['f1', 'f2']);
    expect(await ids({ time: '20261125 10:01:01' })).toEqual(['f2']);
    expect(await ids({ time: '20261125 16:02:00 Europe/Amsterdam' })).toEqual(['f2']);
  });

  it('refuses a filter time that is not a time with error 321 under the request’s id', async () => {
    await start();
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 });
    const client = await h.client(1);
    const after = client.mark();
    client.api.reqExecutions(77, { time: 'yesterday' });
    await client.waitFor(EventName.error, () => true, { after });
    expect(client.errors()).toEqual([expect.objectContaining({ code: 321, reqId: 77 })]);
    await client.roundTrip();
    expect(client.count(EventName.execDetails)).toBe(0);
    expect(client.count(EventName.execDetailsEnd)).toBe(0);
    expectedErrors = [expect.objectContaining({ clientId: 1, code: 321 })];
  });

  it('forgets the executions of earlier days, as TWS returns those since midnight', async () => {
    await start();
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 });
    h.clock.set('2026-11-26T14:30:00Z'); // 09:30 the next day in New York
    h.sim.change('DU111111', SPY_600_C.conId, 3);
    const client = await h.client(1);
    const answer = await pull(client);
    expect(answer.executions.map((e) => e.execution.time)).toEqual(['20261126 09:30:00 US/Eastern']);
    expect(h.sim.executions()).toHaveLength(1);
  });

  it('can hold back its end marker, as some TWS builds do, or send it later', async () => {
    await start();
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 });
    const client = await h.client(1);
    h.sim.withholdExecutionsEnd(true);
    client.api.reqExecutions(1, {});
    await client.waitFor(EventName.commissionReport);
    await client.roundTrip();
    expect(client.count(EventName.execDetailsEnd)).toBe(0);
    expect(h.simulatorEvents.filter((e) => e.type === 'executions-end-withheld')).toHaveLength(1);

    h.sim.withholdExecutionsEnd(false);
    h.sim.delayExecutionsEnd(5_000);
    client.api.reqExecutions(2, {});
    await client.roundTrip();
    expect(client.count(EventName.execDetailsEnd)).toBe(0);
    h.clock.advance(5_000);
    expect(await client.waitFor(EventName.execDetailsEnd)).toEqual([2]);
  });
});

describe('live executions', () => {
  it('go to the client that placed the order and to the Master API client, before the position and then the commission', async () => {
    await start({ masterClientId: 9 });
    const placer = await h.client(3);
    const master = await h.client(9);
    const other = await h.client(4);
    for (const client of [placer, master, other]) {
      client.api.reqPositions();
      await client.waitFor(EventName.positionEnd);
    }
    const marks = [placer.mark(), master.mark(), other.mark()] as const;
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1, clientId: 3, orderId: 41 });

    for (const [client, after] of [
      [placer, marks[0]],
      [master, marks[1]],
    ] as const) {
      await client.waitFor(EventName.commissionReport, () => true, { after });
      const names = client.events
        .slice(after)
        .map((e) => e.name)
        .filter((n) => n !== EventName.positionEnd);
      expect(names).toEqual([EventName.execDetails, EventName.position, EventName.commissionReport]);
      expect(pushed(client, after)).toEqual([
        expect.objectContaining({ execId: `${START_ID}.01.01`, orderId: 41, clientId: 3, shares: 2 }),
      ]);
    }
    await other.waitFor(EventName.position, () => true, { after: marks[2] });
    await other.roundTrip();
    expect(pushed(other, marks[2])).toEqual([]);
    expect(other.count(EventName.commissionReport)).toBe(0);
  });

  it('of an order placed in TWS reach client 0 only, unless a Master API client ID is set', async () => {
    await start();
    const zero = await h.client(0);
    const seventeen = await h.client(17);
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 });
    await zero.waitFor(EventName.commissionReport);
    await seventeen.roundTrip();
    expect(pushed(zero)).toHaveLength(1);
    expect(pushed(seventeen)).toEqual([]);
    // The pull covers what a client does not hear of.
    expect(execIds(await pull(seventeen))).toEqual([`${START_ID}.01.01`]);
  });

  it('split a trade in several fills with growing cumulative quantity, and realise P&L on the closing part only', async () => {
    await start({ masterClientId: 1 });
    h.sim.open('DU111111', SPY_600_C, 2, { averageCost: 500, marketPrice: 5 });
    h.sim.setPrice(SPY_600_C.conId, 6);
    const client = await h.client(1);
    // From long 2 to short 3: five sold in two fills; the first closes the two, the second opens.
    h.sim.change('DU111111', SPY_600_C.conId, -3, { fills: 2 });
    await client.waitUntil(() => client.count(EventName.commissionReport) === 2, 'two commission reports');
    expect(pushed(client).map((e) => [e.side, e.shares, e.cumQty, e.price, e.permId])).toEqual([
      ['SLD', 3, 3, 6, 1800000002],
      ['SLD', 2, 5, 6, 1800000002],
    ]);
    const reports = client.all(EventName.commissionReport).map(([r]) => r as Record<string, unknown>);
    // Two contracts closed at 6.00 bought at 5.00: 200.00, less the fill's 1.95 commission.
    expect(reports.map((r) => [r.commission, r.realizedPNL])).toEqual([
      [1.95, 198.05],
      [1.3, undefined],
    ]);
    expect(h.sim.position('DU111111', SPY_600_C.conId)?.quantity).toBe(-3);
  });

  it('refuse terms that cannot fill the trade, leaving the book as it was', async () => {
    await start();
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5 });
    expect(() => h.sim.change('DU111111', SPY_600_C.conId, 3, { fills: 2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_QUANTITY' }),
    );
    expect(() => h.sim.change('DU111111', SPY_600_C.conId, 4, { fills: 0 })).toThrow(/fills/);
    expect(h.sim.position('DU111111', SPY_600_C.conId)?.quantity).toBe(2);
    expect(h.sim.executions()).toHaveLength(1);
  });
});

describe('silent drifts', () => {
  it('lost fills: the executions exist and the pull returns them, but no client hears of them or of the position', async () => {
    await start({ masterClientId: 1 });
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 });
    const client = await h.client(1);
    client.api.reqPositions();
    await client.waitFor(EventName.positionEnd);
    const after = client.mark();

    h.sim.lostFills.change('DU111111', SPY_600_C.conId, 5, { fills: 2 });
    await client.roundTrip();
    expect(client.events.slice(after).map((e) => e.name)).toEqual([EventName.currentTime]);
    expect(h.sim.position('DU111111', SPY_600_C.conId)?.quantity).toBe(5);

    const answer = await pull(client, { acctCode: 'DU111111' });
    expect(answer.executions.map((e) => [e.execution.side, e.execution.shares])).toEqual([
      ['BOT', 2],
      ['BOT', 2],
      ['BOT', 1],
    ]);
    const lost = h.simulatorEvents.filter((e) => e.type === 'execution' && e.lost);
    expect(lost).toHaveLength(2);
    expect(h.simulatorEvents.filter((e) => e.type === 'position-changed').at(-1)).toMatchObject({
      silent: true,
      position: { quantity: 5 },
    });
  });

  it('no trade: the position changes and no execution exists (assignment, exercise, expiry, transfer)', async () => {
    await start({ masterClientId: 1 });
    h.sim.open('DU111111', SPXW_6000_C, -2, { marketPrice: 41 });
    const client = await h.client(1);
    h.sim.silently.close('DU111111', SPXW_6000_C.conId, { reason: 'assignment' });
    h.sim.silently.open('DU222222', NVDA_STOCK, 200, { marketPrice: 180, reason: 'transfer' });
    expect(execIds(await pull(client))).toEqual([`${START_ID}.01.01`]);
    expect(pushed(client)).toEqual([]);
    expect(h.simulatorEvents.filter((e) => e.type === 'position-changed' && e.silent)).toEqual([
      expect.objectContaining({ change: 'close', reason: 'assignment' }),
      expect.objectContaining({ change: 'open', reason: 'transfer' }),
    ]);
  });
});

describe('corrections', () => {
  it('supersede with the same execId up to its last period and the next number, both kept in the day', async () => {
    await start({ masterClientId: 1 });
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 });
    const client = await h.client(1);
    client.api.reqPositions();
    await client.waitFor(EventName.positionEnd);
    const after = client.mark();
    h.clock.advance(30_000);

    const corrected = h.sim.correctExecution(`${START_ID}.01.01`, { shares: 1 });
    expect(corrected).toMatchObject({
      execId: `${START_ID}.01.02`,
      corrects: `${START_ID}.01.01`,
      shares: 1,
    });
    await client.waitFor(EventName.commissionReport, () => true, { after });
    expect(pushed(client, after)).toEqual([
      expect.objectContaining({ execId: `${START_ID}.01.02`, shares: 1, cumQty: 1, side: 'BOT' }),
    ]);
    // The position follows the correction: one contract fewer.
    const position = await client.waitFor(EventName.position, () => true, { after });
    expect(position[2]).toBe(1);
    expect(execIds(await pull(client))).toEqual([`${START_ID}.01.01`, `${START_ID}.01.02`]);

    // A correction of a correction, or of the original id, corrects the latest version.
    expect(h.sim.correctExecution(`${START_ID}.01.01`, { price: 5.2 }).execId).toBe(`${START_ID}.01.03`);
    expect(h.sim.position('DU111111', SPY_600_C.conId)?.quantity).toBe(1);
  });

  it('can bust an execution silently: the store is left holding a fill the broker no longer has', async () => {
    await start({ masterClientId: 1 });
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1 });
    h.sim.change('DU111111', SPY_600_C.conId, 5);
    const client = await h.client(1);
    const busted = h.sim.lostFills.correct('0000e0d5.6b06f7f1.01.01', { shares: 0 });
    await client.roundTrip();
    expect(pushed(client)).toEqual([]);
    expect(busted).toMatchObject({ shares: 0, commission: 0, cumQty: 0 });
    expect(h.sim.position('DU111111', SPY_600_C.conId)?.quantity).toBe(2);
    expect(() => h.sim.correctExecution('0000e0d5.00000000.01.01', { shares: 1 })).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_EXECUTION' }),
    );
    expect(() => h.sim.correctExecution(busted.execId, { shares: -1 })).toThrow(/≥ 0/);
  });
});
