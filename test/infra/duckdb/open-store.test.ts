import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { selectRows, toNumber } from '../../../src/infra/duckdb/duckdb-sql.js';
import { migrate } from '../../../src/infra/duckdb/migrate.js';
import { type DuckDbStore, openStore } from '../../../src/infra/duckdb/open-store.js';
import { SCHEMA_VERSION } from '../../../src/infra/duckdb/schema-migrations.js';
import {
  StoreInUseError,
  StoreNotFoundError,
  StoreSchemaOutdatedError,
  StoreSchemaTooNewError,
} from '../../../src/infra/duckdb/store-errors.js';
import { ManualClock } from '../../support/manual-clock.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { holdFileInAnotherProcess } from './support/lock-holder.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir() {
  const dir = makeTempDir();
  cleanups.push(() => dir.remove());
  return dir.path;
}

async function open(path: string, clock = new ManualClock()): Promise<DuckDbStore> {
  const store = await openStore({ path, clock });
  cleanups.push(() => store.close());
  return store;
}

async function migrations(store: DuckDbStore) {
  return (await store.read('SELECT version, name, applied_at FROM schema_migrations ORDER BY 1')).map(
    (r) => ({ version: toNumber(r.version), name: r.name, appliedAt: r.applied_at }),
  );
}

async function tableNames(store: DuckDbStore) {
  const rows = await store.read("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'");
  return rows.map((r) => r.table_name).sort();
}

/** Raw DuckDB access to a closed store file, as another tool would have. */
async function withRawFile(path: string, sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('openStore: schema migrations', () => {
  it('creates the folder and the whole schema, recording every migration once', async () => {
    const path = join(tempDir(), 'nested', 'data', 'positions.duckdb');
    const store = await open(path, new ManualClock('2026-11-25T15:00:00Z'));
    expect(existsSync(path)).toBe(true);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
    expect(await tableNames(store)).toEqual([
      'alert_deliveries',
      'discrepancies',
      'discrepancy_events',
      'position_updates',
      'position_verifications',
      'positions_current',
      'reconciliation_run_discrepancies',
      'reconciliation_runs',
      'schema_migrations',
    ]);
    const applied = await migrations(store);
    expect(applied.map((m) => m.version)).toEqual([1, 2, 3, 4]);
    expect(applied.every((m) => (m.appliedAt as Date).toISOString() === '2026-11-25T15:00:00.000Z')).toBe(
      true,
    );
  });

  it('reopening applies nothing twice', async () => {
    const path = join(tempDir(), 'positions.duckdb');
    const first = await open(path, new ManualClock('2026-11-25T15:00:00Z'));
    const before = await migrations(first);
    await first.close();

    const second = await open(path, new ManualClock('2026-11-26T09:30:00Z'));
    expect(await migrations(second)).toEqual(before);
  });

  it('refuses a file whose schema is newer than this release, and leaves it untouched', async () => {
    const path = join(tempDir(), 'positions.duckdb');
    await (await open(path)).close();
    await withRawFile(
      path,
      `INSERT INTO schema_migrations VALUES (${SCHEMA_VERSION + 5}, 'from the future', now())`,
    );

    const attempt = openStore({ path });
    await expect(attempt).rejects.toBeInstanceOf(StoreSchemaTooNewError);
    await expect(attempt).rejects.toThrow(
      `DuckDB file ${path} has schema version ${SCHEMA_VERSION + 5}, newer than this release understands ` +
        `(up to ${SCHEMA_VERSION}): upgrade position-sentinel or choose another file with --db`,
    );
    await expect(openStore({ path, readOnly: true })).rejects.toBeInstanceOf(StoreSchemaTooNewError);
  });

  it('applies only the missing migrations, each in order and in its own transaction', async () => {
    const path = join(tempDir(), 'steps.duckdb');
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    cleanups.push(() => {
      connection.closeSync();
      instance.closeSync();
    });
    const now = () => new Date('2026-11-25T15:00:00Z');
    const one = { version: 1, name: 'a', statements: ['CREATE TABLE a (x INTEGER)'] };
    const two = {
      version: 2,
      name: 'b',
      statements: ['CREATE TABLE b (x INTEGER)', 'INSERT INTO b VALUES (1)'],
    };
    const broken = {
      version: 3,
      name: 'c',
      statements: ['CREATE TABLE c (x INTEGER)', 'INSERT INTO no_such_table VALUES (1)'],
    };

    expect(await migrate(connection, [one], path, now)).toEqual({ version: 1, applied: [1] });
    expect(await migrate(connection, [one, two], path, now)).toEqual({ version: 2, applied: [2] });
    expect(await migrate(connection, [one, two], path, now)).toEqual({ version: 2, applied: [] });

    await expect(migrate(connection, [one, two, broken], path, now)).rejects.toThrow(
      /migration 3 \(c\) failed/,
    );
    const tables = await selectRows(connection, 'SELECT table_name FROM duckdb_tables() ORDER BY 1');
    expect(tables.map((t) => t.table_name)).toEqual(['a', 'b', 'schema_migrations']);
    const [version] = await selectRows(connection, 'SELECT max(version) AS v FROM schema_migrations');
    expect(toNumber(version?.v)).toBe(2);

    await expect(migrate(connection, [two], path, now)).rejects.toThrow(/numbered 1, 2, 3/);
  });

  it("refuses another application's DuckDB file, and leaves it untouched", async () => {
    const path = join(tempDir(), 'analytics.duckdb');
    await withRawFile(path, 'CREATE TABLE trades (id INTEGER); CREATE TABLE prices (id INTEGER)');
    for (const readOnly of [false, true]) {
      await expect(openStore({ path, readOnly })).rejects.toThrow(
        `DuckDB file ${path} is not a position-sentinel store (it holds prices, trades but no schema version): ` +
          'choose another file with --db',
      );
    }
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    const tables = await selectRows(connection, 'SELECT table_name FROM duckdb_tables() ORDER BY 1');
    connection.closeSync();
    instance.closeSync();
    expect(tables.map((t) => t.table_name)).toEqual(['prices', 'trades']);
  });

  it('read-only opens neither create nor migrate', async () => {
    const dir = tempDir();
    const missing = join(dir, 'missing.duckdb');
    await expect(openStore({ path: missing, readOnly: true })).rejects.toBeInstanceOf(StoreNotFoundError);
    expect(existsSync(missing)).toBe(false);

    const old = join(dir, 'old.duckdb');
    await withRawFile(
      old,
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMPTZ); INSERT INTO schema_migrations VALUES (1, 'x', now())",
    );
    await expect(openStore({ path: old, readOnly: true })).rejects.toBeInstanceOf(StoreSchemaOutdatedError);
  });
});

describe('openStore: one process per file', () => {
  it('names the other process when it holds the file', async () => {
    const path = join(tempDir(), 'positions.duckdb');
    const holder = await holdFileInAnotherProcess(path);
    cleanups.push(() => holder.stop());

    for (const readOnly of [false, true]) {
      const error = await openStore({ path, readOnly }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreInUseError);
      const inUse = error as StoreInUseError;
      expect(inUse.code).toBe('STORE_UNAVAILABLE');
      expect(inUse.pid).toBe(holder.pid);
      expect(inUse.message).toMatch(
        new RegExp(
          `^DuckDB file ${path} is already in use by PID ${holder.pid} \\(.*node.*\\): stop that process or choose another file with --db$`,
        ),
      );
    }

    await holder.stop();
    const store = await open(path);
    expect(store.schemaVersion).toBe(SCHEMA_VERSION);
  });
});
