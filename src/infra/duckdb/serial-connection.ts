import type { DuckDBConnection } from '@duckdb/node-api';
import { DomainError } from '../../domain/errors.js';
import type { DuckDbStore } from './open-store.js';
import { describeWriteFailure } from './write-failure.js';

/**
 * A connection of the store's that runs its writes one at a time, for a component that holds
 * transactions (DuckDB runs one transaction per connection). Opened on first use and again after a
 * failed opening; the database's failures are said plainly as STORE_UNAVAILABLE, prefixed with
 * what was being written.
 */
export class SerialConnection {
  readonly #store: DuckDbStore;
  readonly #what: string;
  readonly #prepare: (connection: DuckDBConnection) => Promise<void>;
  #connection: Promise<DuckDBConnection> | undefined;
  #serial: Promise<unknown> = Promise.resolve();

  constructor(
    store: DuckDbStore,
    what: string,
    prepare: (c: DuckDBConnection) => Promise<void> = async () => {},
  ) {
    this.#store = store;
    this.#what = what;
    this.#prepare = prepare;
  }

  run<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    if (this.#store.readOnly) {
      return Promise.reject(new DomainError('STORE_UNAVAILABLE', `${this.#store.path} is open read-only`));
    }
    const task = () =>
      this.#open()
        .then(work)
        .catch((error: unknown) => {
          // Our own refusals pass as they are.
          if (error instanceof DomainError) throw error;
          throw new DomainError('STORE_UNAVAILABLE', `${this.#what}: ${describeWriteFailure(error)}`, {
            cause: error,
          });
        });
    const run = this.#serial.then(task, task);
    this.#serial = run.catch(() => undefined);
    return this.#store.track(run);
  }

  #open(): Promise<DuckDBConnection> {
    if (this.#connection) return this.#connection;
    const opening = this.#store.connect().then(async (connection) => {
      await this.#prepare(connection);
      return connection;
    });
    this.#connection = opening;
    // A failed attempt is not kept: the next write tries again.
    opening.catch(() => {
      if (this.#connection === opening) this.#connection = undefined;
    });
    return opening;
  }
}
