import type { Contract as IbContract } from '@stoqey/ib';
import { OptionType, SecType } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { contractFromIb, portfolioRowFromIb, positionRowFromIb } from '../../../src/infra/ib/ib-rows.js';

/** A contract as @stoqey/ib decodes a POSITION message for an SPY call (docs/ib-protocol.md §4). */
const spyCall: IbContract = {
  conId: 700001,
  symbol: 'SPY',
  secType: SecType.OPT,
  lastTradeDateOrContractMonth: '20261218',
  strike: 600,
  right: OptionType.Call,
  multiplier: 100,
  exchange: '',
  currency: 'USD',
  localSymbol: 'SPY   261218C00600000',
  tradingClass: 'SPY',
};

describe('normalizing what @stoqey/ib decodes', () => {
  it('turns an option into the domain contract: CALL/PUT, numbers, YYYYMMDD, no empty strings', () => {
    expect(contractFromIb(spyCall)).toEqual({
      ok: true,
      row: {
        conId: 700001,
        symbol: 'SPY',
        secType: 'OPT',
        currency: 'USD',
        localSymbol: 'SPY   261218C00600000',
        tradingClass: 'SPY',
        exchange: undefined,
        expiry: '20261218',
        strike: 600,
        right: 'CALL',
        multiplier: 100,
      },
    });
    const put = contractFromIb({ ...spyCall, right: OptionType.Put, exchange: 'SMART' });
    expect(put.ok && put.row.right).toBe('PUT');
    expect(put.ok && put.row.exchange).toBe('SMART');
  });

  it('keeps a stock free of option fields (the client reads empty strike and multiplier as 0)', () => {
    const stock = contractFromIb({
      conId: 4815747,
      symbol: 'NVDA',
      secType: SecType.STK,
      lastTradeDateOrContractMonth: '',
      strike: 0,
      multiplier: 0,
      exchange: 'NASDAQ',
      currency: 'USD',
      localSymbol: 'NVDA',
      tradingClass: 'NMS',
    });
    expect(stock).toMatchObject({
      ok: true,
      row: { expiry: undefined, strike: undefined, multiplier: undefined },
    });
    expect(stock.ok && stock.row.right).toBeUndefined();
  });

  it('reads the date out of a last trading day with a time, and refuses a contract month as a date', () => {
    const withTime = contractFromIb({
      ...spyCall,
      lastTradeDateOrContractMonth: '20261218 16:00 US/Eastern',
    });
    expect(withTime.ok && withTime.row.expiry).toBe('20261218');
    const month = contractFromIb({ ...spyCall, lastTradeDateOrContractMonth: '202612' });
    expect(month.ok && month.row.expiry).toBeUndefined();
  });

  it('takes the primary exchange when the portfolio feed gives no exchange', () => {
    const { exchange: _none, ...withoutExchange } = spyCall;
    const row = portfolioRowFromIb(
      { ...withoutExchange, primaryExch: 'CBOE' },
      2,
      5.25,
      1050,
      512.34,
      25.32,
      0,
      'DU1',
    );
    expect(row.ok && row.row.contract.exchange).toBe('CBOE');
  });

  it('builds position and portfolio rows with decimal quantities and known money only', () => {
    expect(positionRowFromIb('DU111111', spyCall, 0.5, 512.34)).toMatchObject({
      ok: true,
      row: { account: 'DU111111', quantity: 0.5, averageCost: 512.34 },
    });
    const portfolio = portfolioRowFromIb(spyCall, -3, 5.25, -1575, 512.34, undefined, Number.NaN, 'DU111111');
    expect(portfolio).toMatchObject({
      ok: true,
      row: { quantity: -3, marketPrice: 5.25, marketValue: -1575, averageCost: 512.34 },
    });
    expect(portfolio.ok && portfolio.row.unrealizedPnl).toBeUndefined();
    expect(portfolio.ok && portfolio.row.realizedPnl).toBeUndefined();
  });

  it('refuses rows it cannot key or that carry no quantity, saying why', () => {
    expect(positionRowFromIb('DU1', { ...spyCall, conId: 0 }, 1, 1)).toEqual({
      ok: false,
      problem: 'contract without a valid conId (0)',
    });
    expect(positionRowFromIb('', spyCall, 1, 1)).toEqual({
      ok: false,
      problem: 'row for conId 700001 without an account',
    });
    expect(positionRowFromIb('DU1', spyCall, undefined, 1)).toEqual({
      ok: false,
      problem: 'row for DU1:700001 without a quantity (undefined)',
    });
    expect(portfolioRowFromIb({ ...spyCall, symbol: '' }, 1, 1, 1, 1, 1, 1, 'DU1')).toEqual({
      ok: false,
      problem: 'contract 700001 without symbol or security type',
    });
  });
});
