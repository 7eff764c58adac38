import type { PositionKey } from '../../domain/position.js';
import type { PositionEvent } from '../../domain/position-update.js';
import { instantValue, type RowReader, toNumber, toText } from './duckdb-sql.js';
import {
  EVENT_COLUMNS,
  eventFromRow,
  POSITION_COLUMNS,
  type SequencedPosition,
  sequencedPositionFromRow,
} from './position-rows.js';

/** The stored current book, closed positions included: one row per key. */
export async function storedCurrentBook(read: RowReader): Promise<SequencedPosition[]> {
  const rows = await read(`SELECT ${POSITION_COLUMNS} FROM positions_current`);
  return rows.map(sequencedPositionFromRow);
}

export async function storedUpdateStats(read: RowReader) {
  const [row] = await read('SELECT count(*) AS n, coalesce(max(sequence), 0) AS last FROM position_updates');
  return { count: toNumber(row?.n ?? 0), lastSequence: toNumber(row?.last ?? 0) };
}

/** The idempotency keys of the latest `limit` stored updates, oldest first. */
export async function recentIdempotencyKeys(read: RowReader, limit: number): Promise<string[]> {
  if (limit <= 0) return [];
  const rows = await read(
    'SELECT idempotency_key FROM (SELECT idempotency_key, sequence FROM position_updates ORDER BY sequence DESC LIMIT $1) ORDER BY sequence',
    [limit],
  );
  return rows.map((r) => toText(r.idempotency_key));
}

/** Applied updates with a sequence above `after`, oldest first. */
export async function storedEventsAfter(
  read: RowReader,
  after: number,
  limit: number,
): Promise<PositionEvent[]> {
  const rows = await read(
    `SELECT ${EVENT_COLUMNS} FROM position_updates WHERE applied AND sequence > $1 ORDER BY sequence LIMIT $2`,
    [BigInt(after), limit],
  );
  return rows.map(eventFromRow);
}

/** One key's applied updates with a sequence below `before` (all when undefined), newest first. */
export async function storedHistory(
  read: RowReader,
  key: PositionKey,
  before: number | undefined,
  limit: number,
): Promise<PositionEvent[]> {
  const rows = await read(
    `SELECT ${EVENT_COLUMNS} FROM position_updates
     WHERE applied AND account = $1 AND con_id = $2 AND sequence < $3
     ORDER BY sequence DESC LIMIT $4`,
    [key.account, BigInt(key.conId), BigInt(before ?? Number.MAX_SAFE_INTEGER), limit],
  );
  return rows.map(eventFromRow);
}

/** Each key's latest applied update observed at or before `at`: the book as it stood then. */
export async function storedBookAsOf(read: RowReader, at: Date): Promise<SequencedPosition[]> {
  const rows = await read(
    `SELECT ${POSITION_COLUMNS} FROM position_updates
     WHERE applied AND broker_time <= $1
     QUALIFY row_number() OVER (PARTITION BY account, con_id ORDER BY broker_time DESC, sequence DESC) = 1`,
    [instantValue(at)],
  );
  return rows.map(sequencedPositionFromRow);
}
