import type { Contract } from '../contract.js';
import { optionalNumber, rightCode } from './contract-fields.js';
import {
  type CommissionRow,
  type ExecutionRow,
  encodeCommissionReport,
  encodeExecutionData,
  encodeExecutionDataEnd,
} from './execution-replies.js';
import { ReplyId, ServerVersion } from './message-ids.js';
import { formatWireNumber, formatWireQuantity } from './wire-number.js';

/** One row of a POSITION_DATA reply. `averageCost` includes the multiplier, as TWS sends it. */
export interface PositionRow {
  readonly account: string;
  readonly contract: Contract;
  readonly quantity: number;
  readonly averageCost: number;
}

/** One row of a PORTFOLIO_VALUE reply: the position with the portfolio feed's money fields. */
export interface PortfolioRow extends PositionRow {
  readonly marketPrice: number;
  readonly marketValue: number;
  readonly unrealizedPnl: number;
  readonly realizedPnl: number;
}

export interface AccountValue {
  readonly key: string;
  readonly value: string;
  readonly currency: string;
  readonly account: string;
}

/** The id ERR_MSG carries for notices that belong to no request; clients report them as info. */
export const NO_REQUEST_ID = -1;

// Message-version fields: clients read them first and decode the rest by them. The values are
// those of the layouts below; docs/ib-protocol.md §4 lists each one.
const VERSION = {
  ERR_MSG: 2,
  ACCT_VALUE: 2,
  PORTFOLIO_VALUE: 8,
  ACCT_UPDATE_TIME: 1,
  NEXT_VALID_ID: 1,
  MANAGED_ACCTS: 1,
  CURRENT_TIME: 1,
  ACCT_DOWNLOAD_END: 1,
  POSITION_DATA: 3,
  POSITION_END: 1,
  POSITION_MULTI: 1,
  POSITION_MULTI_END: 1,
} as const;

/**
 * Builds the fields of every reply this server sends, in the layout of the server version agreed
 * with one client. Frames are made from these fields by `encodeFrame`.
 */
export class ReplyEncoder {
  constructor(readonly serverVersion: number) {
    if (serverVersion < ServerVersion.MIN_V100 || serverVersion > ServerVersion.MAX_TEXT) {
      throw new RangeError(`server version ${serverVersion} is outside 100..193`);
    }
  }

  error(id: number, code: number, message: string): string[] {
    const fields = [ReplyId.ERR_MSG, VERSION.ERR_MSG, id, code, message].map(String);
    // From 166 on clients read one more field: the advanced order reject, empty when there is none.
    if (this.serverVersion >= ServerVersion.ADVANCED_ORDER_REJECT) fields.push('');
    return fields;
  }

  nextValidId(orderId: number): string[] {
    return [ReplyId.NEXT_VALID_ID, VERSION.NEXT_VALID_ID, orderId].map(String);
  }

  managedAccounts(accounts: readonly string[]): string[] {
    return [String(ReplyId.MANAGED_ACCTS), String(VERSION.MANAGED_ACCTS), accounts.join(',')];
  }

  currentTime(epochSeconds: number): string[] {
    return [ReplyId.CURRENT_TIME, VERSION.CURRENT_TIME, Math.floor(epochSeconds)].map(String);
  }

  position(row: PositionRow): string[] {
    return [String(ReplyId.POSITION_DATA), String(VERSION.POSITION_DATA), row.account, ...this.#holding(row)];
  }

  positionEnd(): string[] {
    return [ReplyId.POSITION_END, VERSION.POSITION_END].map(String);
  }

  /**
   * A row of a positions-multi request: the request's id, then the position's fields in the
   * order of POSITION_DATA (with the exchange), then the model code, empty for none.
   */
  positionMulti(reqId: number, row: PositionRow, modelCode = ''): string[] {
    return [
      String(ReplyId.POSITION_MULTI),
      String(VERSION.POSITION_MULTI),
      String(reqId),
      row.account,
      ...this.#holding(row),
      modelCode,
    ];
  }

  positionMultiEnd(reqId: number): string[] {
    return [ReplyId.POSITION_MULTI_END, VERSION.POSITION_MULTI_END, reqId].map(String);
  }

  accountValue(value: AccountValue): string[] {
    return [
      String(ReplyId.ACCT_VALUE),
      String(VERSION.ACCT_VALUE),
      value.key,
      value.value,
      value.currency,
      value.account,
    ];
  }

  /** The portfolio feed carries the primary exchange where positions carry the exchange. */
  portfolioValue(row: PortfolioRow, primaryExchange = ''): string[] {
    const c = row.contract;
    return [
      String(ReplyId.PORTFOLIO_VALUE),
      String(VERSION.PORTFOLIO_VALUE),
      String(c.conId),
      c.symbol,
      c.secType,
      c.expiry ?? '',
      optionalNumber(c.strike),
      rightCode(c),
      optionalNumber(c.multiplier),
      primaryExchange,
      c.currency,
      c.localSymbol ?? '',
      c.tradingClass ?? '',
      this.#quantity(row.quantity),
      formatWireNumber(row.marketPrice),
      formatWireNumber(row.marketValue),
      formatWireNumber(row.averageCost),
      formatWireNumber(row.unrealizedPnl),
      formatWireNumber(row.realizedPnl),
      row.account,
    ];
  }

  accountUpdateTime(timestamp: string): string[] {
    return [String(ReplyId.ACCT_UPDATE_TIME), String(VERSION.ACCT_UPDATE_TIME), timestamp];
  }

  accountDownloadEnd(account: string): string[] {
    return [String(ReplyId.ACCT_DOWNLOAD_END), String(VERSION.ACCT_DOWNLOAD_END), account];
  }

  /** An execution: with the request's id when it answers REQ_EXECUTIONS, NO_REQUEST_ID when pushed. */
  executionData(reqId: number, row: ExecutionRow): string[] {
    return encodeExecutionData(this.serverVersion, reqId, row);
  }

  executionDataEnd(reqId: number): string[] {
    return encodeExecutionDataEnd(reqId);
  }

  commissionReport(row: CommissionRow): string[] {
    return encodeCommissionReport(row);
  }

  /** The contract, quantity and average cost: the same thirteen fields in both positions replies. */
  #holding(row: PositionRow): string[] {
    const c = row.contract;
    return [
      String(c.conId),
      c.symbol,
      c.secType,
      c.expiry ?? '',
      optionalNumber(c.strike),
      rightCode(c),
      optionalNumber(c.multiplier),
      c.exchange ?? '',
      c.currency,
      c.localSymbol ?? '',
      c.tradingClass ?? '',
      this.#quantity(row.quantity),
      formatWireNumber(row.averageCost),
    ];
  }

  #quantity(quantity: number): string {
    return formatWireQuantity(quantity, this.serverVersion < ServerVersion.FRACTIONAL_POSITIONS);
  }
}
