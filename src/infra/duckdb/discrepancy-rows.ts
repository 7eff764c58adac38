import {
  BIGINT,
  DECIMAL,
  DOUBLE,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  type DuckDBValue,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';
import type { Discrepancy, DiscrepancyStatus, DiscrepancyType, Severity } from '../../domain/discrepancy.js';
import type { DiscrepancyEventKind, RecordedDiscrepancyEvent } from '../../domain/discrepancy-event.js';
import type { ChunkColumn } from './column-chunks.js';
import { type SqlRow, toDate, toNumber, toText } from './duckdb-sql.js';
import { DECIMAL_SCALE, DECIMAL_WIDTH, fromDecimalText, toScaledDecimal } from './exact-decimal.js';
import { CONTRACT_COLUMNS, contractFromRow } from './position-rows.js';

const decimal = (value: number | null): DuckDBValue =>
  value === null ? null : new DuckDBDecimalValue(toScaledDecimal(value), DECIMAL_WIDTH, DECIMAL_SCALE);
const instant = (date: Date | null): DuckDBValue =>
  date === null ? null : new DuckDBTimestampTZValue(BigInt(date.getTime()) * 1000n);
const DECIMAL_TYPE = DECIMAL(DECIMAL_WIDTH, DECIMAL_SCALE);

/** A discrepancy's state, in the column order both discrepancy tables share after their own columns. */
export const DISCREPANCY_STATE_COLUMNS: readonly ChunkColumn<Discrepancy>[] = [
  { type: VARCHAR, value: (i) => i.account },
  { type: BIGINT, value: (i) => BigInt(i.conId) },
  { type: VARCHAR, value: (i) => i.type },
  { type: VARCHAR, value: (i) => i.severity },
  { type: VARCHAR, value: (i) => i.status },
  { type: VARCHAR, value: (i) => i.contract.symbol },
  { type: VARCHAR, value: (i) => i.contract.secType },
  { type: VARCHAR, value: (i) => i.contract.currency },
  { type: VARCHAR, value: (i) => i.contract.localSymbol ?? null },
  { type: VARCHAR, value: (i) => i.contract.tradingClass ?? null },
  { type: VARCHAR, value: (i) => i.contract.exchange ?? null },
  { type: VARCHAR, value: (i) => i.contract.expiry ?? null },
  { type: DOUBLE, value: (i) => i.contract.strike ?? null },
  { type: VARCHAR, value: (i) => i.contract.right ?? null },
  { type: DOUBLE, value: (i) => i.contract.multiplier ?? null },
  { type: DECIMAL_TYPE, value: (i) => decimal(i.brokerQuantity) },
  { type: DECIMAL_TYPE, value: (i) => decimal(i.storeQuantity) },
  { type: DECIMAL_TYPE, value: (i) => decimal(i.difference) },
  { type: TIMESTAMPTZ, value: (i) => instant(i.storeUpdatedAt) },
  { type: TIMESTAMPTZ, value: (i) => instant(i.firstSeenAt) },
  { type: TIMESTAMPTZ, value: (i) => instant(i.lastSeenAt) },
  { type: TIMESTAMPTZ, value: (i) => instant(i.acknowledgedAt) },
  { type: TIMESTAMPTZ, value: (i) => instant(i.resolvedAt) },
  { type: VARCHAR, value: (i) => i.note },
  { type: VARCHAR, value: (i) => i.message },
];

/**
 * State columns added after the tables' own trailing columns (migration 3): they follow
 * `updated_sequence` in discrepancies and the state columns in discrepancy_events.
 */
export const DISCREPANCY_LATE_COLUMNS: readonly ChunkColumn<Discrepancy>[] = [
  { type: TIMESTAMPTZ, value: (i) => instant(i.caughtUpAt) },
];
export const DISCREPANCY_LATE_NAMES: readonly string[] = ['caught_up_at'];

const STATE_NAMES = [
  'account',
  'con_id',
  'type',
  'severity',
  'status',
  ...CONTRACT_COLUMNS,
  'broker_quantity',
  'store_quantity',
  'difference',
  'store_updated_at',
  'first_seen_at',
  'last_seen_at',
  'acknowledged_at',
  'resolved_at',
  'note',
  'message',
];
export const DISCREPANCY_STATE_NAMES: readonly string[] = STATE_NAMES;

const DECIMALS = new Set(['broker_quantity', 'store_quantity', 'difference']);
/** The state columns as read back (decimals as text, so nothing is rounded on the way out). */
export const DISCREPANCY_STATE_SELECT = [...STATE_NAMES, ...DISCREPANCY_LATE_NAMES]
  .map((c) => (DECIMALS.has(c) ? `CAST(${c} AS VARCHAR) AS ${c}` : c))
  .join(', ');

const nullableDecimal = (value: unknown) =>
  value === null || value === undefined ? null : fromDecimalText(toText(value as string));
const nullableDate = (value: unknown) =>
  value === null || value === undefined ? null : toDate(value as Date);
const nullableText = (value: unknown) =>
  value === null || value === undefined ? null : toText(value as string);

/** A discrepancy from a row holding `id` (or `discrepancy_id`) and the state columns. */
export function discrepancyFromRow(row: SqlRow): Discrepancy {
  return {
    id: toText(row.id ?? row.discrepancy_id),
    account: toText(row.account),
    conId: toNumber(row.con_id),
    type: toText(row.type) as DiscrepancyType,
    severity: toText(row.severity) as Severity,
    status: toText(row.status) as DiscrepancyStatus,
    contract: contractFromRow(row),
    brokerQuantity: nullableDecimal(row.broker_quantity),
    storeQuantity: nullableDecimal(row.store_quantity),
    difference: fromDecimalText(toText(row.difference)),
    storeUpdatedAt: nullableDate(row.store_updated_at),
    firstSeenAt: toDate(row.first_seen_at),
    lastSeenAt: toDate(row.last_seen_at),
    acknowledgedAt: nullableDate(row.acknowledged_at),
    resolvedAt: nullableDate(row.resolved_at),
    caughtUpAt: nullableDate(row.caught_up_at),
    note: nullableText(row.note),
    message: toText(row.message),
  };
}

export function recordedEventFromRow(row: SqlRow): RecordedDiscrepancyEvent {
  return {
    sequence: toNumber(row.sequence),
    kind: toText(row.kind) as DiscrepancyEventKind,
    discrepancy: discrepancyFromRow(row),
    at: toDate(row.occurred_at),
  };
}
