import type { Contract, OptionRight } from '../../src/domain/contract.js';
import type { Position, PositionSource } from '../../src/domain/position.js';

/** The OCC symbol IB reports as an option's local symbol: root padded to 6, YYMMDD, C/P, strike × 1000. */
export function occSymbol(root: string, expiry: string, right: OptionRight, strike: number): string {
  const strikeField = String(Math.round(strike * 1000)).padStart(8, '0');
  return `${root.padEnd(6, ' ')}${expiry.slice(2)}${right === 'CALL' ? 'C' : 'P'}${strikeField}`;
}

export function option(
  conId: number,
  symbol: string,
  expiry: string,
  strike: number,
  right: OptionRight,
  tradingClass = symbol,
): Contract {
  return {
    conId,
    symbol,
    secType: 'OPT',
    currency: 'USD',
    exchange: 'SMART',
    expiry,
    strike,
    right,
    multiplier: 100,
    localSymbol: occSymbol(tradingClass, expiry, right, strike),
    tradingClass,
  };
}

export function stock(conId: number, symbol: string): Contract {
  return {
    conId,
    symbol,
    secType: 'STK',
    currency: 'USD',
    exchange: 'NASDAQ',
    localSymbol: symbol,
    tradingClass: 'NMS',
  };
}

/** A small, realistic options book used across the domain tests. */
export const SPY_600_C = option(700001, 'SPY', '20261218', 600, 'CALL');
export const SPY_550_P = option(700002, 'SPY', '20261218', 550, 'PUT');
export const SPXW_6000_C = option(700010, 'SPX', '20261204', 6000, 'CALL', 'SPXW');
export const AAPL_230_P = option(700020, 'AAPL', '20270115', 230, 'PUT');
export const QQQ_EXPIRED_C = option(700030, 'QQQ', '20261120', 510, 'CALL');
export const NVDA_STOCK = stock(4815747, 'NVDA');

export function held(
  account: string,
  contract: Contract,
  quantity: number,
  updatedAt: Date | string = '2026-11-25T14:55:00Z',
  source: PositionSource = 'STREAM',
): Position {
  return {
    account,
    conId: contract.conId,
    contract,
    quantity,
    averageCost: 512.34,
    updatedAt: new Date(updatedAt),
    source,
  };
}
