import type { Contract } from '../../domain/contract.js';
import {
  compareKeys,
  keyId,
  type Position,
  type PositionSource,
  type PositionValuation,
} from '../../domain/position.js';
import { matchesPositionFilter, type PositionFilter } from '../../domain/position-filter.js';
import type { PortfolioRow, PositionRow } from './ib-rows.js';

/** What the portfolio feed last said a key was worth, and for which quantity. */
interface Valuation extends Omit<PositionValuation, 'averageCost'> {
  readonly quantity: number;
}

interface Entry {
  readonly account: string;
  readonly contract: Contract;
  readonly quantity: number;
  /** The positions feed has reported the key; from then on its quantity is the book's. */
  readonly fromPositionsFeed: boolean;
  readonly averageCost: number | undefined;
  readonly valuation: Valuation | undefined;
  readonly updatedAt: Date;
  readonly source: PositionSource;
}

/**
 * The broker's current book as the feeds report it: the latest state per (account, conId). The
 * positions feed (every account, pushed on every change) gives the quantity; the portfolio feed
 * (one account, refreshed every few minutes) adds price, value and P&L. Money that was computed
 * for another quantity than the book's is not shown as if it were current: after a trade only
 * the per-unit price is kept until the portfolio feed values the new quantity. Quantity 0 is a
 * closed row.
 */
export class BrokerBook {
  readonly #entries = new Map<string, Entry>();

  get size(): number {
    return this.#entries.size;
  }

  applyPosition(row: PositionRow, at: Date, source: PositionSource): Position {
    const key = keyId({ account: row.account, conId: row.contract.conId });
    const known = this.#entries.get(key);
    const sameQuantity = known !== undefined && known.quantity === row.quantity;
    const entry: Entry = {
      account: row.account,
      contract: known ? mergeContract(row.contract, known.contract) : row.contract,
      quantity: row.quantity,
      fromPositionsFeed: true,
      averageCost: row.averageCost ?? (sameQuantity ? known.averageCost : undefined),
      valuation: known?.valuation,
      updatedAt: at,
      source,
    };
    this.#entries.set(key, entry);
    return toPosition(entry);
  }

  applyPortfolio(row: PortfolioRow, at: Date, source: PositionSource): Position {
    const key = keyId({ account: row.account, conId: row.contract.conId });
    const known = this.#entries.get(key);
    const quantity = known?.fromPositionsFeed ? known.quantity : row.quantity;
    const entry: Entry = {
      account: row.account,
      // The positions feed's contract carries the exchange; the portfolio feed's does not.
      contract: known ? mergeContract(known.contract, row.contract) : row.contract,
      quantity,
      fromPositionsFeed: known?.fromPositionsFeed ?? false,
      averageCost: row.quantity === quantity ? (row.averageCost ?? known?.averageCost) : known?.averageCost,
      valuation: row,
      updatedAt: at,
      source,
    };
    this.#entries.set(key, entry);
    return toPosition(entry);
  }

  /**
   * A complete list of what the broker holds arrived: keys it does not mention are no longer
   * held (they closed or vanished while nobody was listening), so they leave the book.
   */
  retainOnly(keys: ReadonlySet<string>): void {
    for (const key of [...this.#entries.keys()]) if (!keys.has(key)) this.#entries.delete(key);
  }

  position(account: string, conId: number): Position | undefined {
    const entry = this.#entries.get(keyId({ account, conId }));
    return entry ? toPosition(entry) : undefined;
  }

  /** Positions ordered by account then conId; closed rows only when the filter asks. */
  positions(filter: PositionFilter = {}): Position[] {
    return [...this.#entries.values()]
      .map(toPosition)
      .filter((p) => matchesPositionFilter(p, filter))
      .sort(compareKeys);
  }
}

function toPosition(entry: Entry): Position {
  const valuation = entry.valuation;
  // Value and P&L belong to the quantity they were computed for; the per-unit price does not.
  const current = valuation !== undefined && valuation.quantity === entry.quantity;
  return {
    account: entry.account,
    conId: entry.contract.conId,
    contract: entry.contract,
    quantity: entry.quantity,
    averageCost: entry.averageCost,
    marketPrice: valuation?.marketPrice,
    marketValue: current ? valuation.marketValue : undefined,
    unrealizedPnl: current ? valuation.unrealizedPnl : undefined,
    realizedPnl: current ? valuation.realizedPnl : undefined,
    updatedAt: entry.updatedAt,
    source: entry.source,
  };
}

/** `primary`'s fields, with the gaps filled from `secondary`. */
function mergeContract(primary: Contract, secondary: Contract): Contract {
  return {
    conId: primary.conId,
    symbol: primary.symbol,
    secType: primary.secType,
    currency: primary.currency || secondary.currency,
    localSymbol: primary.localSymbol ?? secondary.localSymbol,
    tradingClass: primary.tradingClass ?? secondary.tradingClass,
    exchange: primary.exchange ?? secondary.exchange,
    expiry: primary.expiry ?? secondary.expiry,
    strike: primary.strike ?? secondary.strike,
    right: primary.right ?? secondary.right,
    multiplier: primary.multiplier ?? secondary.multiplier,
  };
}
