import {
  BIGINT,
  type DuckDBConnection,
  DuckDBTimestampTZValue,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';
import type { AlertRoute } from '../../domain/alerts/alert-route.js';
import { discrepancyAlerts, enqueueAlerts } from '../../domain/alerts/enqueue-alerts.js';
import type { Discrepancy } from '../../domain/discrepancy.js';
import type { DiscrepancyEvent, RecordedDiscrepancyEvent } from '../../domain/discrepancy-event.js';
import type { DiscrepancyFilter } from '../../domain/discrepancy-filter.js';
import { DomainError } from '../../domain/errors.js';
import type { Page, PageRequest } from '../../domain/page.js';
import type { RunRecord } from '../../domain/ports/reconciliation-ledger-port.js';
import type { ReconciliationRun, SequencedRun } from '../../domain/reconciliation-run.js';
import type { KeyVerification } from '../../domain/verification.js';
import { appendRows, type ChunkColumn } from './column-chunks.js';
import {
  DISCREPANCY_LATE_COLUMNS,
  DISCREPANCY_LATE_NAMES,
  DISCREPANCY_STATE_COLUMNS,
  DISCREPANCY_STATE_NAMES,
} from './discrepancy-rows.js';
import { inTransaction, selectRows } from './duckdb-sql.js';
import { isStorableDecimal } from './exact-decimal.js';
import type { DuckDbStore } from './open-store.js';
import {
  readDiscrepancies,
  readDiscrepanciesOfRun,
  readDiscrepancy,
  readDiscrepancyEventsAfter,
  readLatestCompleteRun,
  readLatestRun,
  readRun,
  readRuns,
  readVerifications,
} from './reconciliation-queries.js';
import { INSERT_RUN, runValues } from './run-rows.js';
import { SerialConnection } from './serial-connection.js';

/** Where the discrepancy changes' alerts go: set once the routes are known (the composition root). */
export interface LedgerAlerting {
  readonly routes: readonly AlertRoute[];
  /** After a transaction that stored deliveries has committed (wakes the delivery worker). */
  readonly onEnqueued: () => void;
}

interface StagedDiscrepancy {
  readonly discrepancy: Discrepancy;
  readonly updatedSequence: number;
}

interface StagedEvent {
  readonly event: RecordedDiscrepancyEvent;
  readonly runId: string | null;
}

const STAGED_DISCREPANCY_COLUMNS: readonly ChunkColumn<StagedDiscrepancy>[] = [
  { type: VARCHAR, value: (s) => s.discrepancy.id },
  ...DISCREPANCY_STATE_COLUMNS.map((c) => ({
    type: c.type,
    value: (s: StagedDiscrepancy) => c.value(s.discrepancy),
  })),
  { type: BIGINT, value: (s) => BigInt(s.updatedSequence) },
  ...DISCREPANCY_LATE_COLUMNS.map((c) => ({
    type: c.type,
    value: (s: StagedDiscrepancy) => c.value(s.discrepancy),
  })),
];

const EVENT_COLUMNS: readonly ChunkColumn<StagedEvent>[] = [
  { type: BIGINT, value: (s) => BigInt(s.event.sequence) },
  { type: VARCHAR, value: (s) => s.event.discrepancy.id },
  { type: VARCHAR, value: (s) => s.event.kind },
  { type: TIMESTAMPTZ, value: (s) => new DuckDBTimestampTZValue(BigInt(s.event.at.getTime()) * 1000n) },
  { type: VARCHAR, value: (s) => s.runId },
  ...[...DISCREPANCY_STATE_COLUMNS, ...DISCREPANCY_LATE_COLUMNS].map((c) => ({
    type: c.type,
    value: (s: StagedEvent) => c.value(s.event.discrepancy),
  })),
];

const LINK_COLUMNS: readonly ChunkColumn<{ runId: string; id: string; ordinal: number }>[] = [
  { type: VARCHAR, value: (l) => l.runId },
  { type: VARCHAR, value: (l) => l.id },
  { type: INTEGER, value: (l) => l.ordinal },
];

const VERIFICATION_COLUMNS: readonly ChunkColumn<KeyVerification>[] = [
  { type: VARCHAR, value: (v) => v.account },
  { type: BIGINT, value: (v) => BigInt(v.conId) },
  { type: TIMESTAMPTZ, value: (v) => new DuckDBTimestampTZValue(BigInt(v.verifiedAt.getTime()) * 1000n) },
  { type: VARCHAR, value: (v) => v.runId },
];

const UPSERT_VERIFICATIONS = `
  INSERT INTO position_verifications SELECT * FROM staged_verifications
  ON CONFLICT (account, con_id) DO UPDATE SET verified_at = excluded.verified_at, run_id = excluded.run_id`;

const UPSERT_DISCREPANCIES = `
  INSERT INTO discrepancies SELECT * FROM staged_discrepancies
  ON CONFLICT (id) DO UPDATE SET ${[...DISCREPANCY_STATE_NAMES, 'updated_sequence', ...DISCREPANCY_LATE_NAMES].map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * The audit trail of reconciliation: runs, the discrepancies they found and every change to those
 * discrepancies, each write one transaction. Writes run one at a time on a connection of their own.
 */
export class ReconciliationLedger {
  readonly #store: DuckDbStore;
  readonly #connection: SerialConnection;
  #alerting: LedgerAlerting | undefined;

  constructor(store: DuckDbStore) {
    this.#store = store;
    this.#connection = new SerialConnection(store, 'could not record the change', async (connection) => {
      await connection.run(
        'CREATE OR REPLACE TEMP TABLE staged_discrepancies AS SELECT * FROM discrepancies LIMIT 0',
      );
      await connection.run(
        'CREATE OR REPLACE TEMP TABLE staged_verifications AS SELECT * FROM position_verifications LIMIT 0',
      );
    });
  }

  /** From now on, every discrepancy change stores its alerts in its own transaction. */
  alertThrough(alerting: LedgerAlerting): void {
    this.#alerting = alerting;
  }

  /**
   * Records a run, its links to the discrepancies it found, the discrepancies it changed and their events
   * (which receive new sequences), all in one transaction. Returns the events as recorded.
   */
  async recordRun(record: RunRecord): Promise<RecordedDiscrepancyEvent[]> {
    const { run } = record;
    checkRun(run);
    for (const discrepancy of [...record.changed, ...record.events.map((e) => e.discrepancy)])
      checkDiscrepancy(discrepancy);
    return this.#write(async (connection) => {
      const runSequence = this.#store.nextSequence();
      const recorded = record.events.map((event) => ({ ...event, sequence: this.#store.nextSequence() }));
      const before = await this.#storedBefore(recorded);
      const planned = await inTransaction(connection, async () => {
        const [existing] = await selectRows(connection, 'SELECT id FROM reconciliation_runs WHERE id = $1', [
          run.id,
        ]);
        if (existing) throw new DomainError('CONFLICT', `reconciliation run ${run.id} is already recorded`);
        await connection.run(INSERT_RUN, runValues(run, runSequence));
        const ids = [...new Set(run.discrepancyIds)];
        await appendRows(
          connection,
          'reconciliation_run_discrepancies',
          LINK_COLUMNS,
          ids.map((id, ordinal) => ({ runId: run.id, id, ordinal })),
        );
        await this.#upsertDiscrepancies(connection, record.changed, recorded, runSequence);
        await this.#upsertVerifications(connection, record.verified ?? []);
        await appendRows(
          connection,
          'discrepancy_events',
          EVENT_COLUMNS,
          recorded.map((event) => ({ event, runId: run.id })),
        );
        return this.#enqueueAlerts(recorded, before, run.id, connection);
      });
      if (planned > 0) this.#alerting?.onEnqueued();
      return recorded;
    });
  }

  /** Records a change made by a person (acknowledge, resolve) to a discrepancy already stored. */
  async recordDiscrepancyChange(event: DiscrepancyEvent): Promise<RecordedDiscrepancyEvent> {
    checkDiscrepancy(event.discrepancy);
    return this.#write(async (connection) => {
      const recorded: RecordedDiscrepancyEvent = { ...event, sequence: this.#store.nextSequence() };
      const before = await this.#storedBefore([recorded]);
      const planned = await inTransaction(connection, async () => {
        const [existing] = await selectRows(connection, 'SELECT id FROM discrepancies WHERE id = $1', [
          event.discrepancy.id,
        ]);
        if (!existing) throw new DomainError('NOT_FOUND', `no discrepancy with id ${event.discrepancy.id}`);
        await this.#upsertDiscrepancies(connection, [event.discrepancy], [recorded], recorded.sequence);
        await appendRows(connection, 'discrepancy_events', EVENT_COLUMNS, [{ event: recorded, runId: null }]);
        return this.#enqueueAlerts([recorded], before, null, connection);
      });
      if (planned > 0) this.#alerting?.onEnqueued();
      return recorded;
    });
  }

  activeDiscrepancies(): Promise<Discrepancy[]> {
    return readDiscrepancies(this.#read, { status: ['OPEN', 'ACKNOWLEDGED'] });
  }

  discrepancy(id: string): Promise<Discrepancy | undefined> {
    return readDiscrepancy(this.#read, id);
  }

  /** The discrepancies a run found, in their current state: one read, whatever their number. */
  discrepanciesOfRun(runId: string): Promise<Discrepancy[]> {
    return readDiscrepanciesOfRun(this.#read, runId);
  }

  discrepancies(filter?: DiscrepancyFilter): Promise<Discrepancy[]> {
    return readDiscrepancies(this.#read, filter);
  }

  discrepancyEventsAfter(sequence: number, limit?: number): Promise<RecordedDiscrepancyEvent[]> {
    return readDiscrepancyEventsAfter(this.#read, sequence, limit);
  }

  run(id: string): Promise<ReconciliationRun | undefined> {
    return readRun(this.#read, id);
  }

  runs(page: PageRequest): Promise<Page<SequencedRun>> {
    return readRuns(this.#read, page);
  }

  latestRun(): Promise<ReconciliationRun | undefined> {
    return readLatestRun(this.#read);
  }

  latestCompleteRun(): Promise<ReconciliationRun | undefined> {
    return readLatestCompleteRun(this.#read);
  }

  verifications(): Promise<KeyVerification[]> {
    return readVerifications(this.#read);
  }

  readonly #read = (sql: string, params?: Parameters<DuckDbStore['read']>[1]) =>
    this.#store.read(sql, params);

  /**
   * The stored state of the discrepancies whose events may raise a severity (an update compares
   * with what was stored before it). Read before the transaction, on the serialized write path, so
   * no other change of the ledger comes between.
   */
  async #storedBefore(
    events: readonly RecordedDiscrepancyEvent[],
  ): Promise<ReadonlyMap<string, Discrepancy>> {
    if (!this.#alerting || !events.some((e) => e.kind === 'UPDATED')) return new Map();
    const active = await this.activeDiscrepancies();
    return new Map(active.map((d) => [d.id, d]));
  }

  /** Stores the alerts of the recorded events in the transaction; returns how many deliveries. */
  async #enqueueAlerts(
    events: readonly RecordedDiscrepancyEvent[],
    before: ReadonlyMap<string, Discrepancy>,
    runId: string | null,
    tx: DuckDBConnection,
  ): Promise<number> {
    const alerting = this.#alerting;
    if (!alerting || alerting.routes.length === 0) return 0;
    const alerts = discrepancyAlerts(events, before, runId);
    const planned = await enqueueAlerts(
      this.#store.alerts,
      alerting.routes,
      alerts,
      this.#store.clock.now(),
      tx,
    );
    return planned.length;
  }

  async #upsertVerifications(connection: DuckDBConnection, verified: readonly KeyVerification[]) {
    if (verified.length === 0) return;
    await connection.run('DELETE FROM staged_verifications');
    await appendRows(connection, 'staged_verifications', VERIFICATION_COLUMNS, verified, 'temp');
    await connection.run(UPSERT_VERIFICATIONS);
  }

  /** The latest state of each changed discrepancy wins; its row notes the sequence of its last event. */
  async #upsertDiscrepancies(
    connection: DuckDBConnection,
    changed: readonly Discrepancy[],
    events: readonly RecordedDiscrepancyEvent[],
    fallbackSequence: number,
  ): Promise<void> {
    const lastEvent = new Map(events.map((e) => [e.discrepancy.id, e.sequence]));
    const latest = new Map(changed.map((discrepancy) => [discrepancy.id, discrepancy]));
    if (latest.size === 0) return;
    await connection.run('DELETE FROM staged_discrepancies');
    const staged = [...latest.values()].map((discrepancy) => ({
      discrepancy,
      updatedSequence: lastEvent.get(discrepancy.id) ?? fallbackSequence,
    }));
    await appendRows(connection, 'staged_discrepancies', STAGED_DISCREPANCY_COLUMNS, staged, 'temp');
    await connection.run(UPSERT_DISCREPANCIES);
  }

  #write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.#connection.run(work);
  }
}

function checkRun(run: ReconciliationRun): void {
  const problems: string[] = [];
  if (typeof run.id !== 'string' || run.id.length === 0) problems.push('id is empty');
  for (const field of ['startedAt', 'finishedAt'] as const) {
    if (!(run[field] instanceof Date) || Number.isNaN(run[field].getTime()))
      problems.push(`${field} is not a valid date`);
  }
  if (!Number.isFinite(run.durationMs)) problems.push('durationMs is not a number');
  if (problems.length > 0)
    throw new DomainError('BAD_USER_INPUT', `reconciliation run refused: ${problems.join('; ')}`);
}

function checkDiscrepancy(discrepancy: Discrepancy): void {
  const problems: string[] = [];
  if (typeof discrepancy.id !== 'string' || discrepancy.id.length === 0) problems.push('id is empty');
  for (const field of ['brokerQuantity', 'storeQuantity', 'difference'] as const) {
    const value = discrepancy[field];
    if (value !== null && !isStorableDecimal(value))
      problems.push(`${field} ${value} is not a finite number`);
  }
  for (const field of ['firstSeenAt', 'lastSeenAt'] as const) {
    if (!(discrepancy[field] instanceof Date) || Number.isNaN(discrepancy[field].getTime()))
      problems.push(`${field} is not a valid date`);
  }
  if (problems.length > 0) {
    throw new DomainError('BAD_USER_INPUT', `discrepancy ${discrepancy.id} refused: ${problems.join('; ')}`);
  }
}
