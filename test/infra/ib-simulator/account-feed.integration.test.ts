import { EventName } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { AAPL_230_P, SPXW_6000_C, SPY_600_C } from '../../support/contracts.js';
import type { RecordingClient } from './support/recording-client.js';
import { useSimulatorHarness } from './support/simulator-harness.js';

const h = useSimulatorHarness({
  book: (sim) => {
    sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
    sim.open('DU111111', SPXW_6000_C, -3, { averageCost: 4012.5, marketPrice: 41 });
    sim.open('DU222222', AAPL_230_P, 4, { averageCost: 655, marketPrice: 6.5 });
  },
});

interface PortfolioRow {
  readonly conId: number;
  readonly primaryExch: unknown;
  readonly localSymbol: unknown;
  readonly position: number;
  readonly marketPrice: number;
  readonly marketValue: number;
  readonly averageCost: number;
  readonly unrealizedPnl: number;
  readonly realizedPnl: number;
  readonly account: string;
}

function portfolioAfter(client: RecordingClient, after = 0): PortfolioRow[] {
  return client.events.slice(after).flatMap((e) => {
    if (e.name !== EventName.updatePortfolio) return [];
    const [contract, position, marketPrice, marketValue, averageCost, unrealizedPnl, realizedPnl, account] =
      e.args as [Record<string, unknown>, number, number, number, number, number, number, string];
    return [
      {
        conId: Number(contract.conId),
        primaryExch: contract.primaryExch,
        localSymbol: contract.localSymbol,
        position,
        marketPrice,
        marketValue,
        averageCost,
        unrealizedPnl,
        realizedPnl,
        account,
      },
    ];
  });
}

function valuesAfter(client: RecordingClient, after = 0): Map<string, readonly unknown[]> {
  const values = new Map<string, readonly unknown[]>();
  for (const e of client.events.slice(after)) {
    if (e.name === EventName.updateAccountValue) values.set(String(e.args[0]), e.args);
  }
  return values;
}

async function subscribe(client: RecordingClient, account: string): Promise<number> {
  const after = client.mark();
  client.api.reqAccountUpdates(true, account);
  await client.waitFor(EventName.accountDownloadEnd, () => true, { after });
  return after;
}

describe('reqAccountUpdates', () => {
  it('downloads values, portfolio rows with price, value and P&L, the time, then accountDownloadEnd', async () => {
    const client = await h.client(1);
    await subscribe(client, 'DU111111');

    const values = valuesAfter(client);
    for (const key of ['NetLiquidation', 'TotalCashValue', 'AvailableFunds', 'BuyingPower']) {
      expect(values.get(key), key).toEqual([key, expect.stringMatching(/^-?\d+\.\d\d$/), 'USD', 'DU111111']);
    }
    const rows = portfolioAfter(client);
    expect(rows).toEqual([
      {
        conId: SPY_600_C.conId,
        primaryExch: '',
        localSymbol: 'SPY   261218C00600000',
        position: 2,
        marketPrice: 5.25,
        marketValue: 1050,
        averageCost: 512.34,
        unrealizedPnl: 25.32,
        realizedPnl: 0,
        account: 'DU111111',
      },
      {
        conId: SPXW_6000_C.conId,
        primaryExch: '',
        localSymbol: 'SPXW  261204C06000000',
        position: -3,
        marketPrice: 41,
        marketValue: -12300,
        averageCost: 4012.5,
        unrealizedPnl: -262.5,
        realizedPnl: 0,
        account: 'DU111111',
      },
    ]);
    const cash = Number(values.get('TotalCashValue')?.[1]);
    expect(Number(values.get('NetLiquidation')?.[1])).toBeCloseTo(cash + 1050 - 12300, 2);
    expect(client.all(EventName.updateAccountTime)[0]?.[0]).toMatch(/^\d\d:\d\d$/);
    expect(client.all(EventName.accountDownloadEnd)).toEqual([['DU111111']]);
    const order = client.events
      .map((e) => e.name)
      .filter((n) => n.startsWith('update') || n === 'accountDownloadEnd');
    expect(order.at(-2)).toBe(EventName.updateAccountTime);
    expect(client.errors()).toEqual([]);
  });

  it('pushes a change of the subscribed account, not of the others', async () => {
    const client = await h.client(1);
    await subscribe(client, 'DU111111');
    const mark = client.mark();
    h.sim.change('DU222222', AAPL_230_P.conId, 6);
    h.sim.change('DU111111', SPY_600_C.conId, 1);
    await client.waitUntil(() => portfolioAfter(client, mark).length === 1, 'the pushed row');
    await client.roundTrip();
    const [row] = portfolioAfter(client, mark);
    // Sold 1 of 2 at 5.25 against an average cost of 512.34: 12.66 realised.
    expect(row).toMatchObject({ conId: SPY_600_C.conId, position: 1, marketValue: 525, realizedPnl: 12.66 });
    expect(row?.unrealizedPnl).toBeCloseTo(525 - 512.34, 2);
    expect(valuesAfter(client, mark).get('NetLiquidation')).toBeDefined();
    expect(client.all(EventName.updateAccountTime).length).toBe(2);
    expect(client.errors()).toEqual([]);
  });

  it('shows new prices only in the next refresh, on demand or every three minutes', async () => {
    const client = await h.client(1);
    await subscribe(client, 'DU111111');
    let mark = client.mark();
    h.sim.setPrice(SPY_600_C.conId, 6.1);
    await client.roundTrip();
    expect(portfolioAfter(client, mark)).toEqual([]);

    expect(h.sim.refreshPortfolio()).toBe(true);
    await client.waitUntil(() => portfolioAfter(client, mark).length === 2, 'the refreshed rows');
    expect(portfolioAfter(client, mark)[0]).toMatchObject({ marketPrice: 6.1, marketValue: 1220 });

    mark = client.mark();
    h.sim.setPrice(SPXW_6000_C.conId, 39.5);
    h.clock.advance(179_999);
    await client.roundTrip();
    expect(portfolioAfter(client, mark)).toEqual([]);
    h.clock.advance(1);
    await client.waitUntil(() => portfolioAfter(client, mark).length === 2, 'the timed refresh');
    expect(portfolioAfter(client, mark)[1]).toMatchObject({ marketPrice: 39.5, marketValue: -11850 });
    expect(client.count(EventName.accountDownloadEnd)).toBe(1);
  });

  it('stops every push once unsubscribed', async () => {
    const client = await h.client(1);
    await subscribe(client, 'DU111111');
    client.api.reqAccountUpdates(false, 'DU111111');
    await expect
      .poll(() => h.sim.requestsOf(1).filter((r) => r.request.type === 'REQ_ACCT_DATA').length, {
        timeout: 10_000,
      })
      .toBe(2);
    const mark = client.mark();
    h.sim.change('DU111111', SPY_600_C.conId, 3);
    expect(h.sim.refreshPortfolio()).toBe(false);
    h.clock.advance(180_000);
    await client.roundTrip();
    expect(client.events.slice(mark).map((e) => e.name)).toEqual([EventName.currentTime]);
  });

  it('serves one account at a time across all clients: a new subscription replaces the old', async () => {
    const first = await h.client(1);
    const second = await h.client(2);
    await subscribe(first, 'DU111111');
    await subscribe(second, 'DU222222');
    const marks = [first.mark(), second.mark()] as const;
    h.sim.change('DU111111', SPY_600_C.conId, 4);
    h.sim.change('DU222222', AAPL_230_P.conId, 2);
    await second.waitUntil(() => portfolioAfter(second, marks[1]).length === 1, 'the second account push');
    await first.roundTrip();
    expect(portfolioAfter(first, marks[0])).toEqual([]);
    expect(portfolioAfter(second, marks[1])[0]).toMatchObject({ account: 'DU222222', position: 2 });
    const subscriptions = h.simulatorEvents.flatMap((e) =>
      e.type === 'account-subscription' ? [[e.clientId, e.account, e.subscribed]] : [],
    );
    expect(subscriptions).toEqual([
      [1, 'DU111111', true],
      [1, 'DU111111', false],
      [2, 'DU222222', true],
    ]);
  });

  it('takes the first account for an empty code and reports an unknown one as notice 321', async () => {
    const client = await h.client(1);
    await subscribe(client, '');
    expect(client.all(EventName.accountDownloadEnd)).toEqual([['DU111111']]);

    const mark = client.mark();
    client.api.reqAccountUpdates(true, 'U999');
    await client.waitFor(EventName.info, ([, code]) => code === 321, { after: mark });
    expect(client.errors()).toEqual([]);
  });
});
