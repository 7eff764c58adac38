import {
  BIGINT,
  type DuckDBConnection,
  DuckDBTimestampTZValue,
  INTEGER,
  TIMESTAMPTZ,
  VARCHAR,
} from '@duckdb/node-api';
import { DomainError } from '../../domain/errors.js';
import type { Incident, IncidentEvent, RecordedIncidentEvent } from '../../domain/incident.js';
import type { Page, PageRequest } from '../../domain/page.js';
import type { RunRecord } from '../../domain/ports/incident-store-port.js';
import type { ReconciliationRun, SequencedRun } from '../../domain/reconciliation-run.js';
import type { KeyVerification } from '../../domain/verification.js';
import { appendRows, type ChunkColumn } from './column-chunks.js';
import { inTransaction, selectRows } from './duckdb-sql.js';
import { isStorableDecimal } from './exact-decimal.js';
import {
  INCIDENT_LATE_COLUMNS,
  INCIDENT_LATE_NAMES,
  INCIDENT_STATE_COLUMNS,
  INCIDENT_STATE_NAMES,
} from './incident-rows.js';
import type { DuckDbStore } from './open-store.js';
import {
  type IncidentFilter,
  readIncident,
  readIncidentEventsAfter,
  readIncidents,
  readIncidentsOfRun,
  readLatestCompleteRun,
  readLatestRun,
  readRun,
  readRuns,
  readVerifications,
} from './reconciliation-queries.js';
import { INSERT_RUN, runValues } from './run-rows.js';
import { describeWriteFailure } from './write-failure.js';

export type { RunRecord } from '../../domain/ports/incident-store-port.js';

interface StagedIncident {
  readonly incident: Incident;
  readonly updatedSequence: number;
}

interface StagedEvent {
  readonly event: RecordedIncidentEvent;
  readonly runId: string | null;
}

const STAGED_INCIDENT_COLUMNS: readonly ChunkColumn<StagedIncident>[] = [
  { type: VARCHAR, value: (s) => s.incident.id },
  ...INCIDENT_STATE_COLUMNS.map((c) => ({ type: c.type, value: (s: StagedIncident) => c.value(s.incident) })),
  { type: BIGINT, value: (s) => BigInt(s.updatedSequence) },
  ...INCIDENT_LATE_COLUMNS.map((c) => ({ type: c.type, value: (s: StagedIncident) => c.value(s.incident) })),
];

const EVENT_COLUMNS: readonly ChunkColumn<StagedEvent>[] = [
  { type: BIGINT, value: (s) => BigInt(s.event.sequence) },
  { type: VARCHAR, value: (s) => s.event.incident.id },
  { type: VARCHAR, value: (s) => s.event.kind },
  { type: TIMESTAMPTZ, value: (s) => new DuckDBTimestampTZValue(BigInt(s.event.at.getTime()) * 1000n) },
  { type: VARCHAR, value: (s) => s.runId },
  ...[...INCIDENT_STATE_COLUMNS, ...INCIDENT_LATE_COLUMNS].map((c) => ({
    type: c.type,
    value: (s: StagedEvent) => c.value(s.event.incident),
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

const UPSERT_INCIDENTS = `
  INSERT INTO discrepancies SELECT * FROM staged_discrepancies
  ON CONFLICT (id) DO UPDATE SET ${[...INCIDENT_STATE_NAMES, 'updated_sequence', ...INCIDENT_LATE_NAMES].map((c) => `${c} = excluded.${c}`).join(', ')}`;

/**
 * The audit trail of reconciliation: runs, the incidents they found and every change to those
 * incidents, each write one transaction. Writes run one at a time on a connection of their own.
 */
export class ReconciliationLedger {
  readonly #store: DuckDbStore;
  #connection: Promise<DuckDBConnection> | undefined;
  #serial: Promise<unknown> = Promise.resolve();

  constructor(store: DuckDbStore) {
    this.#store = store;
  }

  /**
   * Records a run, its links to the incidents it found, the incidents it changed and their events
   * (which receive new sequences), all in one transaction. Returns the events as recorded.
   */
  async recordRun(record: RunRecord): Promise<RecordedIncidentEvent[]> {
    const { run } = record;
    checkRun(run);
    for (const incident of [...record.changed, ...record.events.map((e) => e.incident)])
      checkIncident(incident);
    return this.#write(async (connection) => {
      const runSequence = this.#store.nextSequence();
      const recorded = record.events.map((event) => ({ ...event, sequence: this.#store.nextSequence() }));
      await inTransaction(connection, async () => {
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
        await this.#upsertIncidents(connection, record.changed, recorded, runSequence);
        await this.#upsertVerifications(connection, record.verified ?? []);
        await appendRows(
          connection,
          'discrepancy_events',
          EVENT_COLUMNS,
          recorded.map((event) => ({ event, runId: run.id })),
        );
      });
      return recorded;
    });
  }

  /** Records a change made by a person (acknowledge, resolve) to an incident already stored. */
  async recordIncidentChange(event: IncidentEvent): Promise<RecordedIncidentEvent> {
    checkIncident(event.incident);
    return this.#write(async (connection) => {
      const recorded: RecordedIncidentEvent = { ...event, sequence: this.#store.nextSequence() };
      await inTransaction(connection, async () => {
        const [existing] = await selectRows(connection, 'SELECT id FROM discrepancies WHERE id = $1', [
          event.incident.id,
        ]);
        if (!existing) throw new DomainError('NOT_FOUND', `no discrepancy with id ${event.incident.id}`);
        await this.#upsertIncidents(connection, [event.incident], [recorded], recorded.sequence);
        await appendRows(connection, 'discrepancy_events', EVENT_COLUMNS, [{ event: recorded, runId: null }]);
      });
      return recorded;
    });
  }

  activeIncidents(): Promise<Incident[]> {
    return readIncidents(this.#read, { status: ['OPEN', 'ACKNOWLEDGED'] });
  }

  incident(id: string): Promise<Incident | undefined> {
    return readIncident(this.#read, id);
  }

  /** The incidents a run found, in their current state: one read, whatever their number. */
  incidentsOfRun(runId: string): Promise<Incident[]> {
    return readIncidentsOfRun(this.#read, runId);
  }

  incidents(filter?: IncidentFilter): Promise<Incident[]> {
    return readIncidents(this.#read, filter);
  }

  incidentEventsAfter(sequence: number, limit?: number): Promise<RecordedIncidentEvent[]> {
    return readIncidentEventsAfter(this.#read, sequence, limit);
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

  async #upsertVerifications(connection: DuckDBConnection, verified: readonly KeyVerification[]) {
    if (verified.length === 0) return;
    await connection.run('DELETE FROM staged_verifications');
    await appendRows(connection, 'staged_verifications', VERIFICATION_COLUMNS, verified, 'temp');
    await connection.run(UPSERT_VERIFICATIONS);
  }

  /** The latest state of each changed incident wins; its row notes the sequence of its last event. */
  async #upsertIncidents(
    connection: DuckDBConnection,
    changed: readonly Incident[],
    events: readonly RecordedIncidentEvent[],
    fallbackSequence: number,
  ): Promise<void> {
    const lastEvent = new Map(events.map((e) => [e.incident.id, e.sequence]));
    const latest = new Map(changed.map((incident) => [incident.id, incident]));
    if (latest.size === 0) return;
    await connection.run('DELETE FROM staged_discrepancies');
    const staged = [...latest.values()].map((incident) => ({
      incident,
      updatedSequence: lastEvent.get(incident.id) ?? fallbackSequence,
    }));
    await appendRows(connection, 'staged_discrepancies', STAGED_INCIDENT_COLUMNS, staged, 'temp');
    await connection.run(UPSERT_INCIDENTS);
  }

  #write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.#store.readOnly) {
      return Promise.reject(new DomainError('STORE_UNAVAILABLE', `${this.#store.path} is open read-only`));
    }
    const task = () => {
      this.#connection ??= this.#openConnection();
      return this.#connection.then(work).catch((error: unknown) => {
        // Our own refusals pass as they are; the database's failures are said plainly.
        if (error instanceof DomainError) throw error;
        throw new DomainError(
          'STORE_UNAVAILABLE',
          `could not record the change: ${describeWriteFailure(error)}`,
          {
            cause: error,
          },
        );
      });
    };
    const run = this.#serial.then(task, task);
    this.#serial = run.catch(() => undefined);
    return this.#store.track(run);
  }

  #openConnection(): Promise<DuckDBConnection> {
    const opening = this.#store.connect().then(async (connection) => {
      await connection.run(
        'CREATE OR REPLACE TEMP TABLE staged_discrepancies AS SELECT * FROM discrepancies LIMIT 0',
      );
      await connection.run(
        'CREATE OR REPLACE TEMP TABLE staged_verifications AS SELECT * FROM position_verifications LIMIT 0',
      );
      return connection;
    });
    // A failed attempt is not kept: the next write tries again.
    opening.catch(() => {
      if (this.#connection === opening) this.#connection = undefined;
    });
    return opening;
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

function checkIncident(incident: Incident): void {
  const problems: string[] = [];
  if (typeof incident.id !== 'string' || incident.id.length === 0) problems.push('id is empty');
  for (const field of ['brokerQuantity', 'storeQuantity', 'difference'] as const) {
    const value = incident[field];
    if (value !== null && !isStorableDecimal(value))
      problems.push(`${field} ${value} is not a finite number`);
  }
  for (const field of ['firstSeenAt', 'lastSeenAt'] as const) {
    if (!(incident[field] instanceof Date) || Number.isNaN(incident[field].getTime()))
      problems.push(`${field} is not a valid date`);
  }
  if (problems.length > 0) {
    throw new DomainError('BAD_USER_INPUT', `discrepancy ${incident.id} refused: ${problems.join('; ')}`);
  }
}
