import { describe, expect, it } from 'vitest';
import { ReplyEncoder } from '../../src/infra/ib-simulator/wire/reply-encoder.js';
import { SPXW_6000_C, SPY_600_C } from '../support/contracts.js';

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
