import type { DuckDBConnection } from '@duckdb/node-api';
import { instantValue, inTransaction, selectRows, toNumber, toText } from './duckdb-sql.js';
import type { Migration } from './schema-migrations.js';
import { NotAStoreError, StoreSchemaOutdatedError, StoreSchemaTooNewError } from './store-errors.js';

export interface MigrationOutcome {
  /** The file's schema version after the run. */
  readonly version: number;
  /** Versions applied by this run, in order (empty when the file was current). */
  readonly applied: readonly number[];
}

/**
 * The schema version recorded in the file: 0 for an empty file. A file with tables of its own but
 * no version is another application's database and is refused untouched.
 */
export async function fileSchemaVersion(connection: DuckDBConnection, path: string): Promise<number> {
  const tables = (
    await selectRows(
      connection,
      'SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary ORDER BY 1',
    )
  ).map((row) => toText(row.table_name));
  if (!tables.includes('schema_migrations')) {
    if (tables.length > 0) throw new NotAStoreError(path, tables);
    return 0;
  }
  const [row] = await selectRows(connection, 'SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return row ? toNumber(row.v) : 0;
}

/**
 * Brings the file to the newest version of `migrations`: each missing migration runs once, in
 * version order, in its own transaction together with its `schema_migrations` row, so a failure
 * leaves the file at the last complete version. A file newer than the code is refused untouched.
 */
export async function migrate(
  connection: DuckDBConnection,
  migrations: readonly Migration[],
  path: string,
  now: () => Date,
): Promise<MigrationOutcome> {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const current = await fileSchemaVersion(connection, path);
  if (current > latest) throw new StoreSchemaTooNewError(path, current, latest);

  const applied: number[] = [];
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    await inTransaction(connection, async () => {
      await connection.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name VARCHAR NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL
      )`);
      for (const statement of migration.statements) await connection.run(statement);
      await connection.run('INSERT INTO schema_migrations VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        instantValue(now()),
      ]);
    }).catch((error: unknown) => {
      throw new Error(`migration ${migration.version} (${migration.name}) failed: ${describe(error)}`, {
        cause: error,
      });
    });
    applied.push(migration.version);
  }
  return { version: Math.max(current, latest), applied };
}

/** For read-only opens: the file must already be exactly at the code's version. */
export async function requireCurrentSchema(
  connection: DuckDBConnection,
  migrations: readonly Migration[],
  path: string,
): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = await fileSchemaVersion(connection, path);
  if (current > latest) throw new StoreSchemaTooNewError(path, current, latest);
  if (current < latest) throw new StoreSchemaOutdatedError(path, current, latest);
  return current;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(
        `migrations must be numbered 1, 2, 3… in order; found version ${m.version} at ${i + 1}`,
      );
    }
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
