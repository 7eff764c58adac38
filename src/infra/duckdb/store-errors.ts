import { DomainError } from '../../domain/errors.js';

/** Another process holds the DuckDB file: DuckDB allows one writer process per file. */
export class StoreInUseError extends DomainError {
  constructor(
    readonly path: string,
    readonly pid: number | undefined,
    readonly program: string | undefined,
    options?: ErrorOptions,
  ) {
    const holder =
      pid === undefined ? 'another process' : `PID ${pid}${program === undefined ? '' : ` (${program})`}`;
    super(
      'STORE_UNAVAILABLE',
      `DuckDB file ${path} is already in use by ${holder}: stop that process or choose another file with --db`,
      options,
    );
  }
}

/** The file was written by a newer release; opening it could misread or damage it. */
export class StoreSchemaTooNewError extends DomainError {
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly supportedVersion: number,
  ) {
    super(
      'STORE_UNAVAILABLE',
      `DuckDB file ${path} has schema version ${fileVersion}, newer than this release understands ` +
        `(up to ${supportedVersion}): upgrade position-sentinel or choose another file with --db`,
    );
  }
}

/** A read-only open found a file that still needs migrations, which only a writable open may run. */
export class StoreSchemaOutdatedError extends DomainError {
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly requiredVersion: number,
  ) {
    super(
      'STORE_UNAVAILABLE',
      `DuckDB file ${path} has schema version ${fileVersion}, older than this release's ${requiredVersion}: ` +
        'start the service on it once to upgrade it, then try again',
    );
  }
}

/** A DuckDB file that holds other tables and no schema version: someone else's database. */
export class NotAStoreError extends DomainError {
  constructor(
    readonly path: string,
    readonly tables: readonly string[],
  ) {
    super(
      'STORE_UNAVAILABLE',
      `DuckDB file ${path} is not a position-sentinel store (it holds ${tables.slice(0, 3).join(', ')}` +
        `${tables.length > 3 ? ', …' : ''} but no schema version): choose another file with --db`,
    );
  }
}

/** A read-only open of a file that does not exist (a writable open creates it instead). */
export class StoreNotFoundError extends DomainError {
  constructor(readonly path: string) {
    super('STORE_UNAVAILABLE', `no DuckDB file at ${path}: check --db (or SENTINEL_DB)`);
  }
}

// DuckDB: `IO Error: Could not set lock on file "x.duckdb": Conflicting lock is held in /usr/bin/node (PID 10910)`
const LOCK_HELD = /Could not set lock on file .*?Conflicting lock is held in (.+?) \(PID (\d+)\)/s;
const LOCK_FAILED = /Could not set lock on file/;

/** Turns DuckDB's lock failure into a {@link StoreInUseError}; anything else is returned unchanged. */
export function explainOpenError(error: unknown, path: string): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const held = LOCK_HELD.exec(message);
  if (held) return new StoreInUseError(path, Number(held[2]), held[1], { cause: error });
  if (LOCK_FAILED.test(message)) return new StoreInUseError(path, undefined, undefined, { cause: error });
  return error;
}
