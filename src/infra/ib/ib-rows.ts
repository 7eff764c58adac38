import type { Contract as IbContract } from '@stoqey/ib';
import type { Contract, OptionRight } from '../../domain/contract.js';
import type { PositionValuation } from '../../domain/position.js';
import type { EndMarker } from './request-registry.js';

/** A row of the positions feed (reqPositions): quantity and average cost. */
export interface PositionRow {
  readonly account: string;
  readonly contract: Contract;
  readonly quantity: number;
  readonly averageCost?: number | undefined;
}

/** A row of the portfolio feed (reqAccountUpdates): the quantity and what it is worth. */
export interface PortfolioRow extends PositionValuation {
  readonly account: string;
  readonly contract: Contract;
  readonly quantity: number;
}

/** reqPositions: its rows and its end carry no id; TWS answers in order. */
export const POSITION_END: EndMarker<PositionRow> = { name: 'positionEnd', byId: false };
/** reqPositionsMulti: its rows and its end carry its id. */
export const POSITION_MULTI_END: EndMarker<PositionRow> = { name: 'positionMultiEnd', byId: true };

/** A row that cannot be keyed or has no quantity; it is reported, never guessed at. */
export type Normalized<T> =
  | { readonly ok: true; readonly row: T }
  | { readonly ok: false; readonly problem: string };

const RIGHTS: Readonly<Record<string, OptionRight>> = { C: 'CALL', P: 'PUT' };

/** The domain form of a contract as @stoqey/ib decodes it; undefined fields stay unset. */
export function contractFromIb(ib: IbContract): Normalized<Contract> {
  const conId = ib.conId;
  if (typeof conId !== 'number' || !Number.isSafeInteger(conId) || conId <= 0) {
    return { ok: false, problem: `contract without a valid conId (${String(conId)})` };
  }
  const symbol = text(ib.symbol);
  const secType = text(ib.secType);
  if (symbol === undefined || secType === undefined) {
    return { ok: false, problem: `contract ${conId} without symbol or security type` };
  }
  const contract: Contract = {
    conId,
    symbol,
    secType,
    currency: text(ib.currency) ?? '',
    localSymbol: text(ib.localSymbol),
    tradingClass: text(ib.tradingClass),
    // The positions feed carries the exchange; the portfolio feed only the primary exchange.
    exchange: text(ib.exchange) ?? text(ib.primaryExch),
    expiry: expiryOf(ib.lastTradeDateOrContractMonth),
    strike: positive(ib.strike),
    right: ib.right === undefined ? undefined : RIGHTS[ib.right],
    multiplier: positive(ib.multiplier),
  };
  return { ok: true, row: contract };
}

export function positionRowFromIb(
  account: unknown,
  ib: IbContract,
  quantity: unknown,
  averageCost: unknown,
): Normalized<PositionRow> {
  const base = heldRowFromIb(account, ib, quantity);
  if (!base.ok) return base;
  return { ok: true, row: { ...base.row, averageCost: finite(averageCost) } };
}

/** What every row must have before anything else is read from it: a contract, an account, a quantity. */
function heldRowFromIb(
  account: unknown,
  ib: IbContract,
  quantity: unknown,
): Normalized<{ account: string; contract: Contract; quantity: number }> {
  const contract = contractFromIb(ib);
  if (!contract.ok) return contract;
  const { conId } = contract.row;
  if (typeof account !== 'string' || account === '')
    return { ok: false, problem: `row for conId ${conId} without an account` };
  if (typeof quantity !== 'number' || !Number.isFinite(quantity)) {
    return { ok: false, problem: `row for ${account}:${conId} without a quantity (${String(quantity)})` };
  }
  return { ok: true, row: { account, contract: contract.row, quantity } };
}

export function portfolioRowFromIb(
  ib: IbContract,
  quantity: unknown,
  marketPrice: unknown,
  marketValue: unknown,
  averageCost: unknown,
  unrealizedPnl: unknown,
  realizedPnl: unknown,
  account: unknown,
): Normalized<PortfolioRow> {
  const base = heldRowFromIb(account, ib, quantity);
  if (!base.ok) return base;
  return {
    ok: true,
    row: {
      ...base.row,
      marketPrice: finite(marketPrice),
      marketValue: finite(marketValue),
      averageCost: finite(averageCost),
      unrealizedPnl: finite(unrealizedPnl),
      realizedPnl: finite(realizedPnl),
    },
  };
}

/** IB sends `YYYYMMDD`, sometimes followed by a time; a contract month (`YYYYMM`) is no date. */
function expiryOf(value: string | undefined): string | undefined {
  const match = value === undefined ? null : /^(\d{8})(?:\D|$)/.exec(value.trim());
  return match?.[1];
}

/** @stoqey/ib reads an empty strike or multiplier as 0: there is none. */
function positive(value: number | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** Unset doubles arrive as undefined (IB's Double.MAX) and garbage as NaN; both are unknown. */
function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function text(value: string | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
