import type { Contract } from '../contract.js';
import { optionalNumber, rightCode } from './contract-fields.js';
import { ReplyId, ServerVersion } from './message-ids.js';
import { formatWireNumber, formatWireQuantity, UNSET_DOUBLE } from './wire-number.js';

/** BOT for a buy, SLD for a sale: the words TWS uses in executions. */
export type ExecutionSide = 'BOT' | 'SLD';

/** TWS's last-liquidity codes: 0 none given, 1 added, 2 removed, 3 routed out. */
export type LiquidityCode = 0 | 1 | 2 | 3;

/** One EXECUTION_DATA row: the contract, then the execution as TWS reports it. */
export interface ExecutionRow {
  readonly account: string;
  /** `exchange` here is where the execution took place, as in TWS's execution contracts. */
  readonly contract: Contract;
  readonly execId: string;
  /** Already in TWS's text form, `yyyyMMdd HH:mm:ss <zone>` (see execution-time.ts). */
  readonly time: string;
  readonly exchange: string;
  readonly side: ExecutionSide;
  readonly shares: number;
  readonly price: number;
  readonly orderId: number;
  readonly permId: number;
  readonly clientId: number;
  /** Of the order so far, this execution included. */
  readonly cumQty: number;
  readonly avgPrice: number;
  readonly liquidity: LiquidityCode;
}

/** One COMMISSION_REPORT: what an execution cost, and the P&L it realised. */
export interface CommissionRow {
  readonly execId: string;
  readonly commission: number;
  readonly currency: string;
  /** Undefined for an execution that realised nothing (it opened or added to a position). */
  readonly realizedPnl: number | undefined;
}

/**
 * The version EXECUTION_DATA carries below LAST_LIQUIDITY (136). Clients decode the optional
 * fields by it (orderId's request id from 7, conId from 5, multiplier and evRule from 9, trading
 * class from 10); from 136 on there is no version field and they take the server version instead,
 * so every field up to 10 is present.
 */
const EXECUTION_DATA_VERSION = 10;
const EXECUTION_DATA_END_VERSION = 1;
const COMMISSION_REPORT_VERSION = 1;

/** The fields of one EXECUTION_DATA in the layout of `serverVersion` (docs/ib-protocol.md §10). */
export function encodeExecutionData(serverVersion: number, reqId: number, row: ExecutionRow): string[] {
  const integersOnly = serverVersion < ServerVersion.FRACTIONAL_POSITIONS;
  const c = row.contract;
  const fields = [String(ReplyId.EXECUTION_DATA)];
  if (serverVersion < ServerVersion.LAST_LIQUIDITY) fields.push(String(EXECUTION_DATA_VERSION));
  fields.push(
    String(reqId),
    String(row.orderId),
    String(c.conId),
    c.symbol,
    c.secType,
    c.expiry ?? '',
    optionalNumber(c.strike),
    rightCode(c),
    optionalNumber(c.multiplier),
    row.exchange,
    c.currency,
    c.localSymbol ?? '',
    c.tradingClass ?? '',
    row.execId,
    row.time,
    row.account,
    row.exchange,
    row.side,
    formatWireQuantity(row.shares, integersOnly),
    formatWireNumber(row.price),
    String(row.permId),
    String(row.clientId),
    // Liquidation: 1 only when IB itself liquidated the position.
    '0',
    formatWireQuantity(row.cumQty, integersOnly),
    formatWireNumber(row.avgPrice),
    // Order reference, then the economic-value rule and multiplier (bonds): none here.
    '',
    '',
    '',
  );
  if (serverVersion >= ServerVersion.MODELS_SUPPORT) fields.push('');
  if (serverVersion >= ServerVersion.LAST_LIQUIDITY) fields.push(String(row.liquidity));
  if (serverVersion >= ServerVersion.PENDING_PRICE_REVISION) fields.push('0');
  return fields;
}

export function encodeExecutionDataEnd(reqId: number): string[] {
  return [ReplyId.EXECUTION_DATA_END, EXECUTION_DATA_END_VERSION, reqId].map(String);
}

/** Yield and its redemption date are for bonds: unset, as TWS sends them for everything else. */
export function encodeCommissionReport(row: CommissionRow): string[] {
  return [
    String(ReplyId.COMMISSION_REPORT),
    String(COMMISSION_REPORT_VERSION),
    row.execId,
    formatWireNumber(row.commission),
    row.currency,
    row.realizedPnl === undefined ? UNSET_DOUBLE : formatWireNumber(row.realizedPnl),
    UNSET_DOUBLE,
    '',
  ];
}
