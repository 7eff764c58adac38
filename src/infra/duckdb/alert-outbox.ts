import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { Alert } from '../../domain/alerts/alert.js';
import { isOpening, type PlannedDelivery } from '../../domain/alerts/alert-route.js';
import {
  type AlertDelivery,
  type AlertDeliveryFilter,
  type AlertDeliveryState,
  type AlertOutboxPort,
  deliveryId,
} from '../../domain/ports/alert-outbox-port.js';
import {
  instantValue,
  inTransaction,
  type SqlRow,
  selectRows,
  toDate,
  toNumber,
  toText,
} from './duckdb-sql.js';
import type { DuckDbStore } from './open-store.js';
import { SerialConnection } from './serial-connection.js';

const COLUMNS = 'id, route_id, alert, state, created_at, attempts, next_attempt_at, last_error, finished_at';

/** The fields of an alert (and of the discrepancy it carries) that are instants. */
const INSTANT_FIELDS = new Set([
  'at',
  'since',
  'storeUpdatedAt',
  'caughtUpAt',
  'firstSeenAt',
  'lastSeenAt',
  'acknowledgedAt',
  'resolvedAt',
]);

function alertFromJson(text: string): Alert {
  return JSON.parse(text, (key, value) =>
    INSTANT_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value,
  ) as Alert;
}

function deliveryFromRow(row: SqlRow): AlertDelivery {
  const optionalDate = (v: SqlRow[string] | undefined) => (v === null || v === undefined ? null : toDate(v));
  return {
    id: toText(row.id),
    routeId: toText(row.route_id),
    alert: alertFromJson(toText(row.alert)),
    state: toText(row.state) as AlertDeliveryState,
    createdAt: toDate(row.created_at),
    attempts: toNumber(row.attempts),
    nextAttemptAt: optionalDate(row.next_attempt_at),
    lastError: row.last_error === null || row.last_error === undefined ? null : toText(row.last_error),
    finishedAt: optionalDate(row.finished_at),
  };
}

/**
 * The alert outbox as a table of the store. The writing side runs in the caller's transaction (the
 * ledger's connection, `tx`), so an alert is stored exactly when the discrepancy change that
 * causes it is; the worker's side runs on a connection of its own, one statement group at a time.
 */
export class DuckDbAlertOutbox implements AlertOutboxPort<DuckDBConnection> {
  readonly #store: DuckDbStore;
  readonly #connection: SerialConnection;

  constructor(store: DuckDbStore) {
    this.#store = store;
    this.#connection = new SerialConnection(store, 'could not update the alert outbox');
  }

  async openedRoutes(
    dedupKeys: readonly string[],
    tx: DuckDBConnection,
  ): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    const out = new Map<string, Set<string>>();
    if (dedupKeys.length === 0) return out;
    const rows = await selectRows(
      tx,
      `SELECT DISTINCT dedup_key, route_id FROM alert_deliveries
       WHERE opening AND dedup_key IN (${placeholders(dedupKeys.length)})`,
      [...dedupKeys],
    );
    for (const row of rows) {
      const key = toText(row.dedup_key);
      const routes = out.get(key) ?? new Set<string>();
      routes.add(toText(row.route_id));
      out.set(key, routes);
    }
    return out;
  }

  async enqueue(deliveries: readonly PlannedDelivery[], at: Date, tx: DuckDBConnection): Promise<void> {
    for (const { routeId, alert } of deliveries) {
      const values: DuckDBValue[] = [
        deliveryId(routeId, alert.eventId),
        this.#store.nextSequence(),
        routeId,
        alert.eventId,
        alert.dedupKey,
        alert.subject,
        alert.kind,
        isOpening(alert),
        JSON.stringify(alert),
        instantValue(at),
      ];
      await tx.run(
        `INSERT INTO alert_deliveries
           (id, ordinal, route_id, event_id, dedup_key, subject, kind, opening, alert, state,
            created_at, attempts, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'PENDING', $10, 0, $10)
         ON CONFLICT (id) DO NOTHING`,
        values,
      );
    }
  }

  /** Runs `work` in a transaction of its own (alerts no discrepancy change causes: health, tests). */
  transaction<T>(work: (tx: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#write((c) => inTransaction(c, () => work(c)));
  }

  claimDue(routeId: string, now: Date, limit: number, leaseMs: number): Promise<readonly AlertDelivery[]> {
    return this.#write(async (c) =>
      inTransaction(c, async () => {
        // The oldest unfinished delivery of each subject is the only candidate: the later ones wait.
        const rows = await selectRows(
          c,
          `SELECT ${COLUMNS} FROM (
             SELECT *, row_number() OVER (PARTITION BY dedup_key ORDER BY ordinal) AS place
             FROM alert_deliveries WHERE route_id = $1 AND state = 'PENDING'
           )
           WHERE place = 1 AND next_attempt_at <= $2 AND (leased_until IS NULL OR leased_until <= $2)
           ORDER BY ordinal LIMIT $3`,
          [routeId, instantValue(now), limit],
        );
        if (rows.length === 0) return [];
        const ids = rows.map((r) => toText(r.id));
        await c.run(
          `UPDATE alert_deliveries SET leased_until = $1 WHERE id IN (${placeholders(ids.length, 2)})`,
          [instantValue(new Date(now.getTime() + leaseMs)), ...ids],
        );
        return rows.map(deliveryFromRow);
      }),
    );
  }

  markSent(id: string, at: Date): Promise<void> {
    return this.#finish(id, "state = 'SENT', finished_at = $2, next_attempt_at = NULL", [instantValue(at)]);
  }

  markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void> {
    return this.#finish(id, 'next_attempt_at = $2, last_error = $3', [instantValue(nextAttemptAt), error]);
  }

  markDead(id: string, at: Date, error: string): Promise<void> {
    return this.#finish(id, "state = 'DEAD', finished_at = $2, next_attempt_at = NULL, last_error = $3", [
      instantValue(at),
      error,
    ]);
  }

  /** Deliveries matching `filter`, the newest first. */
  async deliveries(filter: AlertDeliveryFilter = {}): Promise<AlertDelivery[]> {
    const conditions: string[] = [];
    const params: DuckDBValue[] = [];
    const add = (sql: string, value: DuckDBValue) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.id !== undefined) add('id = ?', filter.id);
    if (filter.routeId !== undefined) add('route_id = ?', filter.routeId);
    if (filter.dedupKey !== undefined) add('dedup_key = ?', filter.dedupKey);
    if (filter.states && filter.states.length > 0) {
      const states = filter.states.map((s) => {
        params.push(s);
        return `$${params.length}`;
      });
      conditions.push(`state IN (${states.join(', ')})`);
    }
    params.push(Math.min(Math.max(filter.limit ?? 100, 1), 1000));
    const rows = await this.#store.read(
      `SELECT ${COLUMNS} FROM alert_deliveries
       ${conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : ''}
       ORDER BY ordinal DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(deliveryFromRow);
  }

  /** How many deliveries are in each state (for metrics and the status). */
  async counts(): Promise<Record<AlertDeliveryState, number>> {
    const rows = await this.#store.read('SELECT state, count(*) AS n FROM alert_deliveries GROUP BY state');
    const counts: Record<AlertDeliveryState, number> = { PENDING: 0, SENT: 0, DEAD: 0 };
    for (const row of rows) counts[toText(row.state) as AlertDeliveryState] = toNumber(row.n);
    return counts;
  }

  /**
   * The latest alert of each health episode that was opened and not resolved: what a previous
   * process left open, so this one resolves it when the condition no longer holds.
   */
  async openHealthAlerts(): Promise<Alert[]> {
    const rows = await this.#store.read(
      `SELECT alert FROM (
         SELECT alert, kind, row_number() OVER (PARTITION BY dedup_key ORDER BY ordinal DESC) AS place
         FROM alert_deliveries WHERE subject = 'health'
       ) WHERE place = 1 AND kind = 'OPENED'`,
    );
    return rows.map((r) => alertFromJson(toText(r.alert)));
  }

  /**
   * Ends every claim. Only one process opens a DuckDB file, so a claim found at start was made by a
   * process that died: its deliveries are due now, not when the lease would have run out.
   */
  releaseClaims(): Promise<void> {
    return this.#write(async (c) => {
      await c.run('UPDATE alert_deliveries SET leased_until = NULL WHERE leased_until IS NOT NULL');
    });
  }

  #finish(id: string, set: string, values: DuckDBValue[]): Promise<void> {
    // Only a PENDING delivery has an attempt to record: one already sent or given up stays so.
    return this.#write(async (c) => {
      await c.run(
        `UPDATE alert_deliveries SET ${set}, attempts = attempts + 1, leased_until = NULL
         WHERE id = $1 AND state = 'PENDING'`,
        [id, ...values],
      );
    });
  }

  #write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#connection.run(work);
  }
}

function placeholders(count: number, first = 1): string {
  return Array.from({ length: count }, (_, i) => `$${first + i}`).join(', ');
}
