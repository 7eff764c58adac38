import type { Discrepancy, DiscrepancyStatus } from '../../domain/discrepancy.js';
import { DISCREPANCY_TYPES, SEVERITIES } from '../../domain/discrepancy.js';
import type { RecordedDiscrepancyEvent } from '../../domain/discrepancy-event.js';
import type { DiscrepancyFilter } from '../../domain/discrepancy-filter.js';
import { DomainError } from '../../domain/errors.js';
import type { Page, PageRequest } from '../../domain/page.js';
import type { ReconciliationRun, SequencedRun } from '../../domain/reconciliation-run.js';
import type { KeyVerification } from '../../domain/verification.js';
import { DISCREPANCY_STATE_SELECT, discrepancyFromRow, recordedEventFromRow } from './discrepancy-rows.js';
import { type RowReader, toDate, toNumber, toText } from './duckdb-sql.js';
import { MAX_PAGE_SIZE, pageAfter, pageSize } from './page-request.js';
import { RUN_SELECT, runFromRow } from './run-rows.js';

const STATUSES: readonly DiscrepancyStatus[] = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'];

export async function readDiscrepancy(read: RowReader, id: string): Promise<Discrepancy | undefined> {
  const [row] = await read(`SELECT id, ${DISCREPANCY_STATE_SELECT} FROM discrepancies WHERE id = $1`, [id]);
  return row ? discrepancyFromRow(row) : undefined;
}

/** The discrepancies a run found, in their current state, in the order the run listed them. */
export async function readDiscrepanciesOfRun(read: RowReader, runId: string): Promise<Discrepancy[]> {
  const rows = await read(
    `SELECT id, ${DISCREPANCY_STATE_SELECT}
     FROM discrepancies
     JOIN (SELECT discrepancy_id, ordinal FROM reconciliation_run_discrepancies WHERE run_id = $1) found
       ON found.discrepancy_id = discrepancies.id
     ORDER BY found.ordinal`,
    [runId],
  );
  return rows.map(discrepancyFromRow);
}

/** Discrepancies matching `filter`, the most severe first, then the oldest. */
export async function readDiscrepancies(
  read: RowReader,
  filter: DiscrepancyFilter = {},
): Promise<Discrepancy[]> {
  // Enumerated values are checked against their closed sets, so they can be written as literals.
  const conditions = [
    inList('status', filter.status ?? ['OPEN', 'ACKNOWLEDGED'], STATUSES),
    inList('type', filter.type, DISCREPANCY_TYPES),
    inList('severity', filter.severity, SEVERITIES),
  ].filter((c) => c !== undefined);
  const params: string[] = [];
  if (filter.account !== undefined) {
    params.push(filter.account);
    conditions.push(`upper(account) = upper($${params.length})`);
  }
  if (filter.symbol !== undefined) {
    params.push(filter.symbol);
    conditions.push(`upper(symbol) = upper($${params.length})`);
  }
  const rows = await read(
    `SELECT id, ${DISCREPANCY_STATE_SELECT} FROM discrepancies
     ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
     ORDER BY CASE severity WHEN 'CRITICAL' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END, first_seen_at, id`,
    params,
  );
  return rows.map(discrepancyFromRow);
}

export async function readDiscrepancyEventsAfter(
  read: RowReader,
  sequence: number,
  limit = MAX_PAGE_SIZE,
): Promise<RecordedDiscrepancyEvent[]> {
  pageAfter(sequence);
  const rows = await read(
    `SELECT sequence, discrepancy_id, kind, occurred_at, ${DISCREPANCY_STATE_SELECT}
     FROM discrepancy_events WHERE sequence > $1 ORDER BY sequence LIMIT $2`,
    [BigInt(sequence), pageSize(limit)],
  );
  return rows.map(recordedEventFromRow);
}

export async function readRun(read: RowReader, id: string): Promise<ReconciliationRun | undefined> {
  const [row] = await read(`${RUN_SELECT} WHERE r.id = $1`, [id]);
  return row ? runFromRow(row) : undefined;
}

export async function readLatestRun(read: RowReader): Promise<ReconciliationRun | undefined> {
  const [row] = await read(`${RUN_SELECT} ORDER BY r.sequence DESC LIMIT 1`);
  return row ? runFromRow(row) : undefined;
}

/** The latest run that compared the store with a complete snapshot. */
export async function readLatestCompleteRun(read: RowReader): Promise<ReconciliationRun | undefined> {
  const [row] = await read(
    `${RUN_SELECT} WHERE r.status IN ('CLEAN', 'DISCREPANCIES') ORDER BY r.sequence DESC LIMIT 1`,
  );
  return row ? runFromRow(row) : undefined;
}

export async function readVerifications(read: RowReader): Promise<KeyVerification[]> {
  const rows = await read('SELECT account, con_id, verified_at, run_id FROM position_verifications');
  return rows.map((row) => ({
    account: toText(row.account),
    conId: toNumber(row.con_id),
    verifiedAt: toDate(row.verified_at),
    runId: toText(row.run_id),
  }));
}

/** Runs newest first, a page at a time. */
export async function readRuns(read: RowReader, page: PageRequest): Promise<Page<SequencedRun>> {
  const first = pageSize(page.first);
  const before = page.after === undefined ? Number.MAX_SAFE_INTEGER : pageAfter(page.after);
  const rows = await read(`${RUN_SELECT} WHERE r.sequence < $1 ORDER BY r.sequence DESC LIMIT $2`, [
    BigInt(before),
    first + 1,
  ]);
  const items = rows.slice(0, first).map((row) => ({
    sequence: toNumber(row.sequence),
    run: runFromRow(row),
  }));
  return { items, hasNextPage: rows.length > first };
}

function inList<T extends string>(column: string, wanted: readonly T[] | undefined, allowed: readonly T[]) {
  if (wanted === undefined) return undefined;
  const unknown = wanted.filter((w) => !allowed.includes(w));
  if (unknown.length > 0) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `unknown ${column}: ${unknown.join(', ')} (expected ${allowed.join(', ')})`,
    );
  }
  if (wanted.length === 0) return 'false';
  return `${column} IN (${wanted.map((w) => `'${w}'`).join(', ')})`;
}
