import { existsSync, readdirSync, statSync } from 'node:fs';
import { DomainError } from '../../domain/errors.js';
import { sqlString, toNumber } from './duckdb-sql.js';
import type { DuckDbStore } from './open-store.js';

/** `history`: every stored update. `book`: the open positions of the current book. */
export type ExportContent = 'history' | 'book';
export const EXPORT_CONTENTS: readonly ExportContent[] = ['history', 'book'];

export interface ExportOptions {
  /** A folder that does not exist yet or is empty. */
  readonly out: string;
  readonly what: ExportContent;
}

export interface ExportOutcome {
  readonly rows: number;
  readonly symbols: number;
}

const SOURCES: Record<ExportContent, string> = {
  history: 'SELECT * FROM position_updates ORDER BY sequence',
  book: 'SELECT * FROM positions_current WHERE quantity <> 0 ORDER BY account, symbol, con_id',
};

/**
 * Writes the history or the book as Parquet files partitioned by symbol in the Hive layout
 * (`symbol=SPY/data_0.parquet`), which DuckDB, Polars, Spark and Trino read as one table. The
 * symbol lives in the folder names, not in the files. Quantities and money stay DECIMAL(38,10).
 */
export async function exportParquet(store: DuckDbStore, options: ExportOptions): Promise<ExportOutcome> {
  if (!EXPORT_CONTENTS.includes(options.what)) {
    throw new DomainError('BAD_USER_INPUT', `cannot export "${options.what}": choose history or book`);
  }
  assertUsableFolder(options.out);
  await store.flushWriter();
  const source = SOURCES[options.what];
  const [copied] = await store.read(
    `COPY (${source}) TO ${sqlString(options.out)} (FORMAT parquet, PARTITION_BY (symbol), COMPRESSION zstd)`,
  );
  const [symbols] = await store.read(`SELECT count(DISTINCT symbol) AS n FROM (${source})`);
  return { rows: toNumber(copied?.Count ?? 0), symbols: toNumber(symbols?.n ?? 0) };
}

function assertUsableFolder(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) {
    throw new DomainError('BAD_USER_INPUT', `${out} is a file: choose a new or empty folder for the export`);
  }
  if (readdirSync(out).length > 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `${out} is not empty: choose a new or empty folder for the export`,
    );
  }
}
