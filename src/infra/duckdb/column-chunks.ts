import {
  type DuckDBAppender,
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/** One column of an appended table: its DuckDB type and how to read its value from a row. */
export interface ChunkColumn<Row> {
  readonly type: DuckDBType;
  readonly value: (row: Row) => DuckDBValue;
}

const CHUNK_ROWS = 2048;

/** Lets the event loop run whatever is waiting (timers, sockets) before continuing. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Appends `rows` a data chunk at a time, filling each column vector directly (numbers, decimals and
 * timestamps are copied in bulk). The Appender runs on the JS thread, so the event loop gets a
 * turn between chunks and a large batch does not stall the process.
 */
export async function appendInChunks<Row>(
  appender: DuckDBAppender,
  columns: readonly ChunkColumn<Row>[],
  rows: readonly Row[],
): Promise<void> {
  const types = columns.map((c) => c.type);
  for (let offset = 0; offset < rows.length; offset += CHUNK_ROWS) {
    if (offset > 0) await nextTurn();
    const count = Math.min(CHUNK_ROWS, rows.length - offset);
    const chunk = DuckDBDataChunk.create(types, count);
    columns.forEach((column, index) => {
      const vector = chunk.getColumnVector(index);
      for (let row = 0; row < count; row++) vector.setItem(row, column.value(rows[offset + row] as Row));
      vector.flush();
    });
    appender.appendDataChunk(chunk);
  }
}

/**
 * Appends `rows` to `table` (in the `temp` catalog for staging tables) and closes the Appender,
 * which writes its last rows. If appending fails, that failure is the one reported.
 */
export async function appendRows<Row>(
  connection: DuckDBConnection,
  table: string,
  columns: readonly ChunkColumn<Row>[],
  rows: readonly Row[],
  catalog: 'temp' | null = null,
): Promise<void> {
  if (rows.length === 0) return;
  const appender = await connection.createAppender(table, 'main', catalog);
  try {
    await appendInChunks(appender, columns, rows);
  } catch (error) {
    try {
      appender.closeSync();
    } catch {
      // The append already failed; its error explains more than this one.
    }
    throw error;
  }
  appender.closeSync();
}
