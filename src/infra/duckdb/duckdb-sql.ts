import {
  type DuckDBConnection,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  type DuckDBValue,
  type JS,
} from '@duckdb/node-api';
import { DECIMAL_SCALE, DECIMAL_WIDTH, toScaledDecimal } from './exact-decimal.js';

export type SqlRow = Record<string, JS>;
export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;

/** Runs a read-only query and returns its rows as plain JS values. */
export type RowReader = (sql: string, params?: SqlParams) => Promise<SqlRow[]>;

/** Runs a query and returns its rows as plain JS values (BIGINT as bigint, TIMESTAMPTZ as Date). */
export async function selectRows(connection: DuckDBConnection, sql: string, params?: SqlParams) {
  const reader = await connection.runAndReadAll(sql, params);
  return reader.getRowObjectsJS() as SqlRow[];
}

/**
 * Runs `work` inside one transaction on `connection`. Any failure rolls back: DuckDB would
 * otherwise accept a later COMMIT of an aborted transaction and silently commit nothing.
 */
export async function inTransaction<T>(connection: DuckDBConnection, work: () => Promise<T>): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await work();
    await connection.run('COMMIT');
  } catch (error) {
    // A failed COMMIT may already have ended the transaction; the original error is what matters.
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
  return result;
}

export function instantValue(date: Date): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(date.getTime()) * 1000n);
}

export function nullableInstant(date: Date | null | undefined): DuckDBTimestampTZValue | null {
  return date ? instantValue(date) : null;
}

export function decimalValue(value: number): DuckDBDecimalValue {
  return new DuckDBDecimalValue(toScaledDecimal(value), DECIMAL_WIDTH, DECIMAL_SCALE);
}

export function nullableDecimal(value: number | null | undefined): DuckDBDecimalValue | null {
  return value === null || value === undefined ? null : decimalValue(value);
}

/** A SQL string literal (for the few statements, such as COPY, that take no parameters). */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

export function toNumber(value: JS | undefined): number {
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return value;
  throw new TypeError(`expected a number, got ${typeof value}`);
}

export function toDate(value: JS | undefined): Date {
  if (value instanceof Date) return value;
  throw new TypeError(`expected a timestamp, got ${typeof value}`);
}

export function toText(value: JS | undefined): string {
  if (typeof value === 'string') return value;
  throw new TypeError(`expected text, got ${typeof value}`);
}

export function optionalText(value: JS | undefined): string | undefined {
  return value === null || value === undefined ? undefined : toText(value);
}
