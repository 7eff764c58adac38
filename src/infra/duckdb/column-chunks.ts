import { type DuckDBAppender, DuckDBDataChunk, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';

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
