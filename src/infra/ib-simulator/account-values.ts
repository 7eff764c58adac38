import { isOption } from './contract.js';
import type { SimulatedPosition } from './simulated-book.js';
import type { AccountValue } from './wire/reply-encoder.js';
import { roundToCent } from './wire/wire-number.js';

/** Share of the gross position value held as initial margin: a rough Reg T stand-in. */
const INITIAL_MARGIN_RATE = 0.2;
const MAINTENANCE_SHARE_OF_INITIAL = 0.8;
/** Reg T margin accounts buy up to four times their excess funds intraday. */
const BUYING_POWER_LEVERAGE = 4;

/**
 * The account values TWS sends for one account (a representative subset of its keys), derived
 * from the cash and the valued positions so that they move together as trades and prices do.
 */
export function accountValues(
  account: string,
  cash: number,
  positions: readonly SimulatedPosition[],
): AccountValue[] {
  const sum = (f: (p: SimulatedPosition) => number) => roundToCent(positions.reduce((t, p) => t + f(p), 0));
  const netPositionValue = sum((p) => p.marketValue);
  const gross = sum((p) => Math.abs(p.marketValue));
  const netLiquidation = roundToCent(cash + netPositionValue);
  const initialMargin = roundToCent(gross * INITIAL_MARGIN_RATE);
  const maintenanceMargin = roundToCent(initialMargin * MAINTENANCE_SHARE_OF_INITIAL);
  const availableFunds = roundToCent(netLiquidation - initialMargin);
  const money = (key: string, value: number): AccountValue => ({
    key,
    value: value.toFixed(2),
    currency: 'USD',
    account,
  });
  return [
    { key: 'AccountCode', value: account, currency: '', account },
    { key: 'AccountType', value: 'INDIVIDUAL', currency: '', account },
    { key: 'Currency', value: 'USD', currency: 'USD', account },
    money('NetLiquidation', netLiquidation),
    money('TotalCashValue', cash),
    money('GrossPositionValue', gross),
    money(
      'OptionMarketValue',
      sum((p) => (isOption(p.contract) ? p.marketValue : 0)),
    ),
    money('InitMarginReq', initialMargin),
    money('MaintMarginReq', maintenanceMargin),
    money('AvailableFunds', availableFunds),
    money('ExcessLiquidity', roundToCent(netLiquidation - maintenanceMargin)),
    money('BuyingPower', roundToCent(Math.max(0, availableFunds) * BUYING_POWER_LEVERAGE)),
    money(
      'UnrealizedPnL',
      sum((p) => p.unrealizedPnl),
    ),
    money(
      'RealizedPnL',
      sum((p) => p.realizedPnl),
    ),
  ];
}
