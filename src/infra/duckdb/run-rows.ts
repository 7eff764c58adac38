import { DuckDBTimestampTZValue, type DuckDBValue } from '@duckdb/node-api';
import { DISCREPANCY_TYPES } from '../../domain/discrepancy.js';
import type { ReconciliationRun, ReconciliationTrigger } from '../../domain/reconciliation-run.js';
import type { ReconciliationStatus } from '../../domain/reconciliation-summary.js';
import { type SqlRow, toDate, toNumber, toText } from './duckdb-sql.js';

/** reconciliation_runs columns, in table order; one count column per discrepancy type. */
const COUNT_COLUMNS = DISCREPANCY_TYPES.map((type) => `${type.toLowerCase()}_count`);

export const INSERT_RUN = `INSERT INTO reconciliation_runs (
  id, sequence, trigger, status, started_at, finished_at, duration_ms, broker_position_count,
  store_position_count, discrepancy_count, critical_count, has_critical_issues, ${COUNT_COLUMNS.join(', ')},
  expired_count, deferred_count, summary, error, caught_up_count, loaded_count
) VALUES (${Array.from({ length: 18 + COUNT_COLUMNS.length }, (_, i) => `$${i + 1}`).join(', ')})`;

const instant = (date: Date) => new DuckDBTimestampTZValue(BigInt(date.getTime()) * 1000n);

export function runValues(run: ReconciliationRun, sequence: number): DuckDBValue[] {
  const counts = new Map(run.countsByType.map((c) => [c.type, c.count]));
  return [
    run.id,
    BigInt(sequence),
    run.trigger,
    run.status,
    instant(run.startedAt),
    instant(run.finishedAt),
    run.durationMs,
    run.brokerPositionCount,
    run.storePositionCount,
    run.discrepancyCount,
    run.criticalCount,
    run.hasCriticalIssues,
    ...DISCREPANCY_TYPES.map((type) => counts.get(type) ?? 0),
    run.expiredCount,
    run.deferredCount,
    run.summary,
    run.error,
    run.caughtUpCount,
    run.loadedCount,
  ];
}

/** Selects a run with its discrepancy ids (in the order the run listed them) and its sequence. */
export const RUN_SELECT = `
  SELECT r.*, coalesce(
    (SELECT list(d.discrepancy_id ORDER BY d.ordinal) FROM reconciliation_run_discrepancies d WHERE d.run_id = r.id),
    []) AS discrepancy_ids
  FROM reconciliation_runs r`;

export function runFromRow(row: SqlRow): ReconciliationRun {
  const ids = row.discrepancy_ids;
  return {
    id: toText(row.id),
    trigger: toText(row.trigger) as ReconciliationTrigger,
    status: toText(row.status) as ReconciliationStatus,
    startedAt: toDate(row.started_at),
    finishedAt: toDate(row.finished_at),
    durationMs: toNumber(row.duration_ms),
    brokerPositionCount: toNumber(row.broker_position_count),
    storePositionCount: toNumber(row.store_position_count),
    discrepancyIds: Array.isArray(ids) ? ids.map((id) => toText(id)) : [],
    expiredCount: toNumber(row.expired_count),
    deferredCount: toNumber(row.deferred_count),
    caughtUpCount: toNumber(row.caught_up_count ?? 0),
    loadedCount: toNumber(row.loaded_count ?? 0),
    error: row.error === null || row.error === undefined ? null : toText(row.error),
    discrepancyCount: toNumber(row.discrepancy_count),
    criticalCount: toNumber(row.critical_count),
    hasCriticalIssues: row.has_critical_issues === true,
    countsByType: DISCREPANCY_TYPES.map((type) => ({
      type,
      count: toNumber(row[`${type.toLowerCase()}_count`]),
    })),
    summary: toText(row.summary),
  };
}
