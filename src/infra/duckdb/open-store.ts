import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { systemClock } from '../system-clock.js';
import { DuckDbAlertOutbox } from './alert-outbox.js';
import { type SqlParams, type SqlRow, selectRows, toNumber } from './duckdb-sql.js';
import { migrate, requireCurrentSchema } from './migrate.js';
import { ReconciliationLedger } from './reconciliation-ledger.js';
import { MIGRATIONS } from './schema-migrations.js';
import { explainOpenError, StoreNotFoundError } from './store-errors.js';

export const IN_MEMORY = ':memory:';

export interface OpenStoreOptions {
  /** A file path (its folder is created), or `:memory:`. */
  readonly path: string;
  readonly clock?: Clock;
  /** Opens without writing anything (exports, inspection): no migrations, no writer. */
  readonly readOnly?: boolean;
  /** DuckDB worker threads; DuckDB's default is one per core. */
  readonly threads?: number;
}

/** Something that must be closed before the store's connections go away (the position writer). */
export interface StoreClient {
  close(): Promise<void>;
  /** Makes everything accepted so far durable. */
  flush(): Promise<void>;
}

/**
 * One DuckDB file (or in-memory database) with its schema migrated, an ingest sequence, and the
 * connections of the components built on it. Create it with {@link openStore}; `close()` closes
 * the attached writer first (so buffered updates are flushed), then every connection.
 */
export class DuckDbStore {
  readonly #instance: DuckDBInstance;
  readonly #connections = new Set<DuckDBConnection>();
  readonly #reader: DuckDBConnection;
  /** Queries running on the store's connections: closing a connection under one crashes the process. */
  readonly #running = new Set<Promise<unknown>>();
  #lastSequence: number;
  #client: StoreClient | undefined;
  #closing: Promise<void> | undefined;
  /** Runs, discrepancies and their events: the audit trail of reconciliation. */
  readonly ledger: ReconciliationLedger;
  /** Alerts to send, written with the changes that cause them. */
  readonly alerts: DuckDbAlertOutbox;

  constructor(
    readonly path: string,
    readonly clock: Clock,
    readonly readOnly: boolean,
    readonly schemaVersion: number,
    instance: DuckDBInstance,
    reader: DuckDBConnection,
    firstSequence: number,
  ) {
    this.#instance = instance;
    this.#reader = reader;
    this.#connections.add(reader);
    this.#lastSequence = firstSequence - 1;
    this.alerts = new DuckDbAlertOutbox(this);
    this.ledger = new ReconciliationLedger(this);
  }

  /**
   * The next ingest sequence: strictly increasing for the life of the file, restarts included.
   * Seeded at open above both the stored maximum and the clock in microseconds, so numbers handed
   * out but never written before a crash are not handed out again.
   */
  nextSequence(): number {
    this.#lastSequence += 1;
    return this.#lastSequence;
  }

  /** Runs a query on the store's read connection (DuckDB runs them one after another). */
  read(sql: string, params?: SqlParams): Promise<SqlRow[]> {
    this.#assertOpen();
    return this.track(selectRows(this.#reader, sql, params));
  }

  /** Lets close() wait for `work`, which uses one of the store's connections. */
  track<T>(work: Promise<T>): Promise<T> {
    this.#running.add(work);
    const done = () => this.#running.delete(work);
    work.then(done, done);
    return work;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** A connection of its own (for a component that holds transactions); closed with the store. */
  async connect(): Promise<DuckDBConnection> {
    this.#assertOpen();
    const connection = await this.#instance.connect();
    this.#connections.add(connection);
    return connection;
  }

  /**
   * Registers the store's single writer. Reads through the writer trust that every write goes
   * through it, so a second one is refused.
   */
  attach(client: StoreClient): void {
    this.assertAttachable();
    this.#client = client;
  }

  /** Throws unless a writer could be attached now. */
  assertAttachable(): void {
    this.#assertOpen();
    if (this.readOnly) throw new DomainError('STORE_UNAVAILABLE', `${this.path} is open read-only`);
    if (this.#client) throw new DomainError('CONFLICT', `${this.path} already has a position writer`);
  }

  /** Writes whatever the attached writer still buffers (for readers of the file itself, such as exports). */
  async flushWriter(): Promise<void> {
    await this.#client?.flush();
  }

  detach(client: StoreClient): void {
    if (this.#client === client) this.#client = undefined;
  }

  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    try {
      await this.#client?.close();
    } catch (error) {
      // The writer still holds updates it could not write: keep the store open so that close()
      // can be tried again rather than losing them.
      this.#closing = undefined;
      throw error;
    }
    await Promise.allSettled([...this.#running]);
    for (const connection of this.#connections) connection.closeSync();
    this.#connections.clear();
    this.#instance.closeSync();
  }

  #assertOpen(): void {
    if (this.#closing) throw new DomainError('STORE_UNAVAILABLE', `the store ${this.path} is closed`);
  }
}

/**
 * Opens (creating when needed) the DuckDB file, migrates its schema and seeds the ingest sequence.
 * Fails with a typed error when another process holds the file or its schema is newer than this
 * release.
 */
export async function openStore(options: OpenStoreOptions): Promise<DuckDbStore> {
  const { path } = options;
  const clock = options.clock ?? systemClock;
  const readOnly = options.readOnly ?? false;
  const inMemory = path === IN_MEMORY;
  if (inMemory && readOnly) throw new DomainError('BAD_USER_INPUT', 'an in-memory store cannot be read-only');
  if (!inMemory) {
    if (readOnly && !existsSync(path)) throw new StoreNotFoundError(path);
    if (!readOnly) mkdirSync(dirname(path), { recursive: true });
  }

  // A checkpoint rewrites the file's newest row groups and its indexes: at DuckDB's default (after
  // every 16 MB of WAL) that was a third of the writer's time. 64 MB costs at most a second or two
  // of WAL replay after a crash.
  const config: Record<string, string> = { checkpoint_threshold: '64MB' };
  if (readOnly) config.access_mode = 'READ_ONLY';
  if (options.threads !== undefined) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(path, config).catch((error: unknown) => {
    throw explainOpenError(error, path);
  });

  let reader: DuckDBConnection | undefined;
  try {
    reader = await instance.connect();
    const schemaVersion = readOnly
      ? await requireCurrentSchema(reader, MIGRATIONS, path)
      : (await migrate(reader, MIGRATIONS, path, () => clock.now())).version;
    const stored = await storedMaxSequence(reader);
    const firstSequence = Math.max(stored + 1, clock.now().getTime() * 1000);
    return new DuckDbStore(path, clock, readOnly, schemaVersion, instance, reader, firstSequence);
  } catch (error) {
    reader?.closeSync();
    instance.closeSync();
    throw error;
  }
}

async function storedMaxSequence(connection: DuckDBConnection): Promise<number> {
  const [row] = await selectRows(
    connection,
    `SELECT greatest(
       coalesce((SELECT max(sequence) FROM position_updates), 0),
       coalesce((SELECT max(sequence) FROM discrepancy_events), 0),
       coalesce((SELECT max(sequence) FROM reconciliation_runs), 0)
     ) AS s`,
  );
  return row ? toNumber(row.s) : 0;
}
