import { describe, expect, it } from 'vitest';
import { ReplyEncoder } from '../../../src/infra/ib-simulator/wire/reply-encoder.js';
import { SPXW_6000_C, SPY_600_C } from '../../support/contracts.js';

const encoder = new ReplyEncoder(176);

describe('reply encoding', () => {
  it('refuses a server version outside the text protocol the clients speak', () => {
    expect(() => new ReplyEncoder(99)).toThrow(RangeError);
    expect(() => new ReplyEncoder(194)).toThrow(RangeError);
  });

  it('gives every reply its message-version field right after the id', () => {
    expect(encoder.nextValidId(1)).toEqual(['9', '1', '1']);
    expect(encoder.managedAccounts(['DU111111', 'DU222222'])).toEqual(['15', '1', 'DU111111,DU222222']);
    expect(encoder.currentTime(1_795_000_000.9)).toEqual(['49', '1', '1795000000']);
    expect(encoder.positionEnd()).toEqual(['62', '1']);
    expect(encoder.accountUpdateTime('15:04')).toEqual(['8', '1', '15:04']);
    expect(encoder.accountDownloadEnd('DU111111')).toEqual(['54', '1', 'DU111111']);
    expect(
      encoder.accountValue({ key: 'NetLiquidation', value: '1000000', currency: 'USD', account: 'DU1' }),
    ).toEqual(['6', '2', 'NetLiquidation', '1000000', 'USD', 'DU1']);
  });

  it('adds the empty advanced-order-reject field to ERR_MSG from server version 166 on', () => {
    expect(new ReplyEncoder(166).error(-1, 2104, 'Market data farm connection is OK:usfarm')).toEqual([
      '4',
      '2',
      '-1',
      '2104',
      'Market data farm connection is OK:usfarm',
      '',
    ]);
    expect(new ReplyEncoder(165).error(-1, 1100, 'lost')).toEqual(['4', '2', '-1', '1100', 'lost']);
  });

  it('writes a position with the option fields where TWS puts them (version 3, 16 fields)', () => {
    const fields = encoder.position({
      account: 'DU111111',
      contract: SPY_600_C,
      quantity: 2,
      averageCost: 512.34,
    });
    expect(fields).toEqual([
      '61',
      '3',
      'DU111111',
      '700001',
      'SPY',
      'OPT',
      '20261218',
      '600',
      'C',
      '100',
      'SMART',
      'USD',
      'SPY   261218C00600000',
      'SPY',
      '2',
      '512.34',
    ]);
  });

  it('writes a positions-multi row with the request id, the position fields and the model code (18 fields)', () => {
    const row = { account: 'DU222222', contract: SPY_600_C, quantity: -3, averageCost: 512.34 };
    expect(encoder.positionMulti(4001, row)).toEqual([
      '71',
      '1',
      '4001',
      'DU222222',
      '700001',
      'SPY',
      'OPT',
      '20261218',
      '600',
      'C',
      '100',
      'SMART',
      'USD',
      'SPY   261218C00600000',
      'SPY',
      '-3',
      '512.34',
      '',
    ]);
    // The same holding as on POSITION_DATA: only the framing around it differs.
    expect(encoder.positionMulti(4001, row).slice(4, 17)).toEqual(encoder.position(row).slice(3));
    expect(encoder.positionMulti(9, { ...row, quantity: 0 }, 'GROWTH').slice(15)).toEqual([
      '0',
      '512.34',
      'GROWTH',
    ]);
    expect(encoder.positionMultiEnd(4001)).toEqual(['72', '1', '4001']);
  });

  it('writes quantities as decimals: short, fractional and closed', () => {
    const row = { account: 'DU1', contract: SPXW_6000_C, averageCost: 100 };
    expect(encoder.position({ ...row, quantity: -3 })[14]).toBe('-3');
    expect(encoder.position({ ...row, quantity: 0.5 })[14]).toBe('0.5');
    expect(encoder.position({ ...row, quantity: 0 })[14]).toBe('0');
    expect(() => new ReplyEncoder(100).position({ ...row, quantity: 0.5 })).toThrow(/101/);
    expect(() => new ReplyEncoder(100).positionMulti(1, { ...row, quantity: 0.5 })).toThrow(/101/);
  });

  it('writes a portfolio row with the primary exchange, money fields and account (version 8, 20 fields)', () => {
    const fields = encoder.portfolioValue({
      account: 'DU111111',
      contract: SPXW_6000_C,
      quantity: -1,
      marketPrice: 42.5,
      marketValue: -4250,
      averageCost: 4012.5,
      unrealizedPnl: -237.5,
      realizedPnl: 0,
    });
    expect(fields).toHaveLength(20);
    expect(fields).toEqual([
      '7',
      '8',
      '700010',
      'SPX',
      'OPT',
      '20261204',
      '6000',
      'C',
      '100',
      '',
      'USD',
      'SPXW  261204C06000000',
      'SPXW',
      '-1',
      '42.5',
      '-4250',
      '4012.5',
      '-237.5',
      '0',
      'DU111111',
    ]);
  });

  it('leaves option fields empty for a contract that has none', () => {
    const stock = { conId: 4815747, symbol: 'NVDA', secType: 'STK', currency: 'USD', exchange: 'NASDAQ' };
    const fields = encoder.position({ account: 'DU1', contract: stock, quantity: 10, averageCost: 180.5 });
    expect(fields.slice(6, 11)).toEqual(['', '', '', '', 'NASDAQ']);
  });
});

describe('execution replies', () => {
  const row = {
    account: 'DU111111',
    contract: { ...SPY_600_C, exchange: 'CBOE' },
    execId: '0000e0d5.6790a1b2.01.01',
    time: '20261125 10:31:02 US/Eastern',
    exchange: 'CBOE',
    side: 'BOT' as const,
    shares: 2,
    price: 5.1,
    orderId: 12,
    permId: 1800000001,
    clientId: 7,
    cumQty: 2,
    avgPrice: 5.1,
    liquidity: 2 as const,
  };
  /** Request id, order id, the contract, then the execution up to the average price. */
  const common = [
    '9001',
    '12',
    '700001',
    'SPY',
    'OPT',
    '20261218',
    '600',
    'C',
    '100',
    'CBOE',
    'USD',
    'SPY   261218C00600000',
    'SPY',
    '0000e0d5.6790a1b2.01.01',
    '20261125 10:31:02 US/Eastern',
    'DU111111',
    'CBOE',
    'BOT',
    '2',
    '5.1',
    '1800000001',
    '7',
    '0',
    '2',
    '5.1',
    '',
    '',
    '',
  ];

  it('sends no version field from LAST_LIQUIDITY (136) on, then model code and last liquidity (176)', () => {
    expect(encoder.executionData(9001, row)).toEqual(['11', ...common, '', '2']);
    expect(new ReplyEncoder(136).executionData(9001, row)).toEqual(['11', ...common, '', '2']);
  });

  it('adds the pending-price-revision flag from 178 on', () => {
    expect(new ReplyEncoder(178).executionData(9001, row)).toEqual(['11', ...common, '', '2', '0']);
    expect(new ReplyEncoder(193).executionData(9001, row)).toHaveLength(32);
  });

  it('sends message version 10 below 136, with the model code from 103 and no last liquidity', () => {
    expect(new ReplyEncoder(135).executionData(9001, row)).toEqual(['11', '10', ...common, '']);
    expect(new ReplyEncoder(103).executionData(9001, row)).toEqual(['11', '10', ...common, '']);
    expect(new ReplyEncoder(102).executionData(9001, row)).toEqual(['11', '10', ...common]);
  });

  it('writes shares as integers before FRACTIONAL_POSITIONS (101) and refuses fractions there', () => {
    expect(new ReplyEncoder(100).executionData(-1, row)[20]).toBe('2');
    expect(() => new ReplyEncoder(100).executionData(-1, { ...row, shares: 0.5 })).toThrow(/101/);
    expect(new ReplyEncoder(101).executionData(-1, { ...row, shares: 0.5, cumQty: 0.5 })[20]).toBe('0.5');
  });

  it('ends a request with its id, and reports commissions with unset doubles as TWS writes them', () => {
    expect(encoder.executionDataEnd(9001)).toEqual(['55', '1', '9001']);
    const report = { execId: row.execId, commission: 1.3, currency: 'USD', realizedPnl: undefined };
    expect(encoder.commissionReport(report)).toEqual([
      '59',
      '1',
      '0000e0d5.6790a1b2.01.01',
      '1.3',
      'USD',
      '1.7976931348623157E308',
      '1.7976931348623157E308',
      '',
    ]);
    expect(encoder.commissionReport({ ...report, realizedPnl: -42.5 })[5]).toBe('-42.5');
  });
});
