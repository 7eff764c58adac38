import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { OTHER, QQQ_CALL } from '../support/standard-book.js';
import { post, query } from './support/graphql-http.js';
import { startServeProcess } from './support/serve-process.js';

const Export = graphql(`
  mutation ApiExportPositions($out: String!, $what: ExportContent) {
    exportPositions(out: $out, what: $what) { folder what rows symbols }
  }
`);

const Store = graphql(`
  query ApiExportStore {
    status { store { bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }
  }
`);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Reads the files as another tool would: a DuckDB of its own, nothing but the Parquet files. */
async function countParquetRows(folder: string): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT count(*)::INTEGER AS n FROM read_parquet('${folder}/**/*.parquet', hive_partitioning = true)`,
    );
    return Number(reader.getRowObjectsJson()[0]?.n);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('exporting the store of a running service', () => {
  it('the exportPositions mutation writes everything received, buffered updates included, while `export` is refused and says to ask the service', async () => {
    const { sim, folder, db, url, serve } = await startServeProcess(
      // Nothing is written by the schedule: the export itself must write what is buffered.
      ['--flush-interval-ms=3600000', '--quiet-window-ms=0'],
      (fn) => cleanups.push(fn),
    );
    for (const quantity of [4, 5, 6]) sim.change(OTHER, QQQ_CALL.conId, quantity);
    // The feeds' starting lists (5 updates for the 3 positions) and the three trades.
    await expect
      .poll(async () => (await query(url, Store)).status.store.bufferedUpdates, { timeout: 15_000 })
      .toBe(8);
    const { store } = (await query(url, Store)).status;
    expect(store.totalUpdates).toBe(0);
    const received = store.bufferedUpdates;

    // The command line cannot open the file the service holds, and says what to do instead.
    const cli = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'export', '--out', join(folder, 'cli'), '--db', db],
      { cwd: process.cwd() },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(cli).toMatchObject({ code: 1 });
    expect((cli as { stderr: string }).stderr).toMatch(
      /is already in use by PID \d+.*; a running service exports its own store: ask it with the exportPositions mutation/,
    );

    const history = join(folder, 'exports', 'history');
    const exported = await query(url, Export, { out: history });
    expect(exported.exportPositions).toEqual({
      folder: history,
      what: 'HISTORY',
      rows: received,
      symbols: 2,
    });
    expect(readdirSync(history).sort()).toEqual(['symbol=QQQ', 'symbol=SPY']);
    expect(await countParquetRows(history)).toBe(received);
    expect((await query(url, Store)).status.store).toEqual({ bufferedUpdates: 0, totalUpdates: received });

    const book = join(folder, 'exports', 'book');
    const openBook = await query(url, Export, { out: book, what: 'BOOK' });
    expect(openBook.exportPositions).toMatchObject({ what: 'BOOK', rows: 3, symbols: 2 });
    expect(await countParquetRows(book)).toBe(3);

    // A folder in use, or one that cannot be made, is the caller's to fix; nothing is written.
    const again = await post(url, Export, { out: history });
    expect(again.errors).toEqual([
      expect.objectContaining({
        message: `${history} is not empty: choose a new or empty folder for the export`,
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
    const file = join(folder, 'a-file');
    writeFileSync(file, '');
    const underFile = await post(url, Export, { out: join(file, 'export') });
    expect(underFile.errors).toEqual([
      expect.objectContaining({
        message: `cannot create the folder ${join(file, 'export')} for the export: a part of the path is a file`,
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);

    serve.kill('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(serve.stderr.join('\n')).toBe('');
  }, 120_000);
});
