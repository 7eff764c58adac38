import type { Contract, OptionRight } from '../../domain/contract.js';
import type { Position, PositionSource, PositionValuation } from '../../domain/position.js';
import type { PositionChange, PositionEvent, PositionUpdate } from '../../domain/position-update.js';
import { optionalText, type SqlRow, toDate, toNumber, toText } from './duckdb-sql.js';
import { fromDecimalText } from './exact-decimal.js';

/** A position with the sequence of the update that set it: what last-write-wins compares. */
export interface SequencedPosition {
  readonly position: Position;
  readonly sequence: number;
}

const DECIMALS = [
  'quantity',
  'average_cost',
  'market_price',
  'market_value',
  'unrealized_pnl',
  'realized_pnl',
];

/** The contract's columns, as every table that holds a contract names them (read by contractFromRow). */
export const CONTRACT_COLUMNS = [
  'symbol',
  'sec_type',
  'currency',
  'local_symbol',
  'trading_class',
  'exchange',
  'expiry',
  'strike',
  'option_right',
  'multiplier',
] as const;

/**
 * The columns a position is read from, in both position tables. Decimals come back as text so
 * that no binary rounding happens on the way out.
 */
export const POSITION_COLUMNS = [
  'sequence',
  'account',
  'con_id',
  ...CONTRACT_COLUMNS,
  ...DECIMALS.map((d) => `CAST(${d} AS VARCHAR) AS ${d}`),
  'source',
  'broker_time',
].join(', ');

export const EVENT_COLUMNS = `${POSITION_COLUMNS}, change`;

export function contractFromRow(row: SqlRow): Contract {
  const right = optionalText(row.option_right);
  const contract: { -readonly [K in keyof Contract]: Contract[K] } = {
    conId: toNumber(row.con_id),
    symbol: toText(row.symbol),
    secType: toText(row.sec_type),
    currency: toText(row.currency),
  };
  const localSymbol = optionalText(row.local_symbol);
  if (localSymbol !== undefined) contract.localSymbol = localSymbol;
  const tradingClass = optionalText(row.trading_class);
  if (tradingClass !== undefined) contract.tradingClass = tradingClass;
  const exchange = optionalText(row.exchange);
  if (exchange !== undefined) contract.exchange = exchange;
  const expiry = optionalText(row.expiry);
  if (expiry !== undefined) contract.expiry = expiry;
  if (row.strike !== null && row.strike !== undefined) contract.strike = toNumber(row.strike);
  if (right !== undefined) contract.right = right as OptionRight;
  if (row.multiplier !== null && row.multiplier !== undefined) contract.multiplier = toNumber(row.multiplier);
  return contract;
}

export function positionFromRow(row: SqlRow): Position {
  const valuation: { -readonly [K in keyof PositionValuation]: number } = {};
  const money = (column: string) => {
    const value = row[column];
    return value === null || value === undefined ? undefined : fromDecimalText(toText(value));
  };
  const averageCost = money('average_cost');
  if (averageCost !== undefined) valuation.averageCost = averageCost;
  const marketPrice = money('market_price');
  if (marketPrice !== undefined) valuation.marketPrice = marketPrice;
  const marketValue = money('market_value');
  if (marketValue !== undefined) valuation.marketValue = marketValue;
  const unrealizedPnl = money('unrealized_pnl');
  if (unrealizedPnl !== undefined) valuation.unrealizedPnl = unrealizedPnl;
  const realizedPnl = money('realized_pnl');
  if (realizedPnl !== undefined) valuation.realizedPnl = realizedPnl;
  return {
    account: toText(row.account),
    conId: toNumber(row.con_id),
    contract: contractFromRow(row),
    quantity: fromDecimalText(toText(row.quantity)),
    ...valuation,
    updatedAt: toDate(row.broker_time),
    source: toText(row.source) as PositionSource,
  };
}

export function sequencedPositionFromRow(row: SqlRow): SequencedPosition {
  return { position: positionFromRow(row), sequence: toNumber(row.sequence) };
}

export function eventFromRow(row: SqlRow): PositionEvent {
  const position = positionFromRow(row);
  return {
    sequence: toNumber(row.sequence),
    change: toText(row.change) as PositionChange,
    position,
    at: position.updatedAt,
  };
}

/** The position an update leaves behind (without absent valuation fields). */
export function positionFromUpdate(update: PositionUpdate): Position {
  const position: { -readonly [K in keyof Position]: Position[K] } = {
    account: update.account,
    conId: update.conId,
    contract: update.contract,
    quantity: update.quantity,
    updatedAt: update.brokerTime,
    source: update.source,
  };
  if (update.averageCost !== undefined) position.averageCost = update.averageCost;
  if (update.marketPrice !== undefined) position.marketPrice = update.marketPrice;
  if (update.marketValue !== undefined) position.marketValue = update.marketValue;
  if (update.unrealizedPnl !== undefined) position.unrealizedPnl = update.unrealizedPnl;
  if (update.realizedPnl !== undefined) position.realizedPnl = update.realizedPnl;
  return position;
}
