import {
  BIGINT,
  BOOLEAN,
  type DuckDBConnection,
  type DuckDBValue,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';
import type { Alert } from '../../domain/alerts/alert.js';
import { isOpening, type PlannedDelivery } from '../../domain/alerts/alert-route.js';
import {
  type AlertDelivery,
  type AlertDeliveryFilter,
  type AlertDeliveryState,
  type AlertOutboxPort,
  deliveryId,
} from '../../domain/ports/alert-outbox-port.js';
import { appendRows, type ChunkColumn } from './column-chunks.js';
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
  /** Deliveries handed to the worker and not yet finished, with when the claim runs out. */
  readonly #claims = new Map<string, number>();
  /** Outcomes waiting for the connection, written in one transaction. */
  readonly #outcomes: PendingOutcome[] = [];

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
    if (deliveries.length === 0) return;
    const rows = deliveries.map(({ routeId, alert }) => ({
      id: deliveryId(routeId, alert.eventId),
      ordinal: this.#store.nextSequence(),
      routeId,
      alert,
      at,
    }));
    // Staged and inserted in one statement: a run that opens a thousand discrepancies stores their
    // alerts in milliseconds. A delivery already stored (the same alert planned again) stays as it is.
    await tx.run(
      'CREATE TEMP TABLE IF NOT EXISTS staged_alert_deliveries AS SELECT * FROM alert_deliveries LIMIT 0',
    );
    await tx.run('DELETE FROM staged_alert_deliveries');
    await appendRows(tx, 'staged_alert_deliveries', STAGED_COLUMNS, rows, 'temp');
    await tx.run(
      'INSERT INTO alert_deliveries SELECT * FROM staged_alert_deliveries ON CONFLICT (id) DO NOTHING',
    );
  }

  /** Runs `work` in a transaction of its own (alerts no discrepancy change causes: health, tests). */
  transaction<T>(work: (tx: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#write((c) => inTransaction(c, () => work(c)));
  }

  claimDue(routeId: string, now: Date, limit: number, leaseMs: number): Promise<readonly AlertDelivery[]> {
    const t = now.getTime();
    for (const [id, until] of this.#claims) if (until <= t) this.#claims.delete(id);
    return this.#write(async (c) => {
      // The oldest unfinished delivery of each subject is the only candidate: the later ones wait,
      // also behind one that is claimed.
      const rows = await selectRows(
        c,
        `SELECT ${COLUMNS} FROM (
           SELECT *, row_number() OVER (PARTITION BY dedup_key ORDER BY ordinal) AS place
           FROM alert_deliveries WHERE route_id = $1 AND state = 'PENDING'
         )
         WHERE place = 1 AND next_attempt_at <= $2
         ORDER BY ordinal LIMIT $3`,
        [routeId, instantValue(now), limit + this.#claims.size],
      );
      const claimed = rows.filter((r) => !this.#claims.has(toText(r.id))).slice(0, limit);
      for (const row of claimed) this.#claims.set(toText(row.id), t + leaseMs);
      return claimed.map(deliveryFromRow);
    });
  }

  markSent(id: string, at: Date): Promise<void> {
    return this.#finish({ id, sentAt: instantValue(at) });
  }

  markRetry(id: string, nextAttemptAt: Date, error: string): Promise<void> {
    return this.#finish({
      id,
      set: 'next_attempt_at = $2, last_error = $3',
      values: [instantValue(nextAttemptAt), error],
    });
  }

  markDead(id: string, at: Date, error: string): Promise<void> {
    return this.#finish({
      id,
      set: "state = 'DEAD', finished_at = $2, next_attempt_at = NULL, last_error = $3",
      values: [instantValue(at), error],
    });
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
   * Records an attempt's outcome. Outcomes that arrive while the connection is busy are written
   * together in one transaction (one commit for many), so a thousand quick answers cost a few
   * commits, not a thousand. Only a PENDING delivery has an attempt to record: one already sent or
   * given up stays so.
   */
  #finish(outcome: Outcome): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#outcomes.push({ ...outcome, resolve, reject });
      if (this.#outcomes.length > 1) return;
      void this.#write(async (c) => {
        const batch = this.#outcomes.splice(0);
        try {
          await inTransaction(c, async () => {
            // The common outcome, sent, in one statement for the whole batch; the others one by one.
            const sent = batch.filter((o) => 'sentAt' in o);
            if (sent.length > 0) {
              await c.run(
                `UPDATE alert_deliveries SET state = 'SENT', finished_at = v.sent_at, next_attempt_at = NULL,
                   attempts = attempts + 1
                 FROM (VALUES ${sent.map((_, i) => `($${2 * i + 1}, $${2 * i + 2}::TIMESTAMPTZ)`).join(', ')}) v(id, sent_at)
                 WHERE alert_deliveries.id = v.id AND state = 'PENDING'`,
                sent.flatMap((o) => [o.id, o.sentAt]),
              );
            }
            for (const o of batch) {
              if ('sentAt' in o) continue;
              await c.run(
                `UPDATE alert_deliveries SET ${o.set}, attempts = attempts + 1
                 WHERE id = $1 AND state = 'PENDING'`,
                [o.id, ...o.values],
              );
            }
          });
          for (const o of batch) o.resolve();
        } catch (error) {
          for (const o of batch) o.reject(error);
        } finally {
          // Claimable again only once its outcome is written (or could not be): a look-up queued
          // before the write must not find it unclaimed and still due.
          for (const o of batch) this.#claims.delete(o.id);
        }
      });
    });
  }

  #write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#connection.run(work);
  }
}

/** An attempt's outcome: sent (at an instant), or a change of the row's columns. */
type Outcome =
  | { readonly id: string; readonly sentAt: DuckDBValue }
  | { readonly id: string; readonly set: string; readonly values: DuckDBValue[] };

type PendingOutcome = Outcome & {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
};

interface StagedDelivery {
  readonly id: string;
  readonly ordinal: number;
  readonly routeId: string;
  readonly alert: Alert;
  readonly at: Date;
}

const STAGED_COLUMNS: readonly ChunkColumn<StagedDelivery>[] = [
  { type: VARCHAR, value: (d) => d.id },
  { type: BIGINT, value: (d) => BigInt(d.ordinal) },
  { type: VARCHAR, value: (d) => d.routeId },
  { type: VARCHAR, value: (d) => d.alert.eventId },
  { type: VARCHAR, value: (d) => d.alert.dedupKey },
  { type: VARCHAR, value: (d) => d.alert.subject },
  { type: VARCHAR, value: (d) => d.alert.kind },
  { type: BOOLEAN, value: (d) => isOpening(d.alert) },
  { type: VARCHAR, value: (d) => JSON.stringify(d.alert) },
  { type: VARCHAR, value: () => 'PENDING' },
  { type: TIMESTAMPTZ, value: (d) => instantValue(d.at) },
  { type: INTEGER, value: () => 0 },
  { type: TIMESTAMPTZ, value: (d) => instantValue(d.at) },
  { type: VARCHAR, value: () => null },
  { type: TIMESTAMPTZ, value: () => null },
];

function placeholders(count: number): string {
  return Array.from({ length: count }, (_, i) => `$${i + 1}`).join(', ');
}
