import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { exportParquet } from '../../../src/infra/duckdb/parquet-export.js';
import { option, stock } from '../../support/contracts.js';
import { storeFixture, storePath, updateMaker } from './support/store-fixture.js';

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

const BRK = stock(72_063_691, 'BRK B');
const SPY = option(700_001, 'SPY', '20261218', 600, 'CALL');
const QQQ = option(700_031, 'QQQ', '20261218', 510.5, 'PUT');

/** Reads files the way another tool would: a separate DuckDB, nothing but the Parquet files. */
async function readBack(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

async function seededStore() {
  const { store, writer } = await fixture.openWithWriter(storePath(fixture.tempDir()));
  const make = updateMaker(store, { brokerTime: () => fixture.clock.now() });
  writer.enqueue(make({ contract: SPY, quantity: 3, averageCost: 512.34, marketPrice: 5.125 }));
  writer.enqueue(make({ contract: BRK, quantity: 12.5, averageCost: 401.01 }));
  writer.enqueue(make({ contract: QQQ, quantity: -2, unrealizedPnl: -12.3456789 }));
  writer.enqueue(make({ contract: SPY, quantity: 0 }));
  writer.enqueue(make({ contract: BRK, quantity: 13, account: 'DU222222' }));
  return { store, writer };
}

describe('Parquet export', () => {
  it('writes the history partitioned by symbol, and reading it back gives the same rows', async () => {
    const { store, writer } = await seededStore();
    const out = join(fixture.tempDir(), 'history');
    // The last updates are still buffered: the export must include them.
    expect(writer.status().bufferedUpdates).toBe(5);

    expect(await exportParquet(store, { out, what: 'history' })).toEqual({ rows: 5, symbols: 3 });
    expect(readdirSync(out).sort()).toEqual(['symbol=BRK%20B', 'symbol=QQQ', 'symbol=SPY']);

    const exported = await readBack(
      `SELECT * FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true) ORDER BY sequence`,
    );
    const stored = (await store.read('SELECT * FROM position_updates ORDER BY sequence')).map(
      (row) => row.sequence,
    );
    expect(exported.map((row) => Number(row.sequence))).toEqual(stored.map(Number));

    // Every column of every row, compared by DuckDB itself in both directions.
    const files = `read_parquet('${out}/**/*.parquet', hive_partitioning = true)`;
    const difference = (a: string, b: string) =>
      store.read(
        `SELECT count(*) AS n FROM (SELECT * EXCLUDE (symbol), symbol FROM ${a} EXCEPT ALL SELECT * EXCLUDE (symbol), symbol FROM ${b})`,
      );
    expect(await difference('position_updates', files)).toEqual([{ n: 0n }]);
    expect(await difference(files, 'position_updates')).toEqual([{ n: 0n }]);
    expect(exported.map((r) => [r.symbol, r.quantity, r.average_cost])).toEqual([
      ['SPY', '3.0000000000', '512.3400000000'],
      ['BRK B', '12.5000000000', '401.0100000000'],
      ['QQQ', '-2.0000000000', null],
      ['SPY', '0.0000000000', null],
      ['BRK B', '13.0000000000', null],
    ]);
  });

  it('writes the book: the open positions only', async () => {
    const { store } = await seededStore();
    const out = join(fixture.tempDir(), 'book');
    expect(await exportParquet(store, { out, what: 'book' })).toEqual({ rows: 3, symbols: 2 });
    const exported = await readBack(
      `SELECT account, symbol, quantity FROM read_parquet('${out}/**/*.parquet', hive_partitioning = true) ORDER BY account, symbol`,
    );
    expect(exported).toEqual([
      { account: 'DU111111', symbol: 'BRK B', quantity: '12.5000000000' },
      { account: 'DU111111', symbol: 'QQQ', quantity: '-2.0000000000' },
      { account: 'DU222222', symbol: 'BRK B', quantity: '13.0000000000' },
    ]);
  });

  it('refuses a folder that already holds something, and writes nothing there', async () => {
    const { store } = await seededStore();
    const out = fixture.tempDir();
    writeFileSync(join(out, 'keep.txt'), 'mine');
    await expect(exportParquet(store, { out, what: 'history' })).rejects.toThrow(
      `${out} is not empty: choose a new or empty folder for the export`,
    );
    expect(readdirSync(out)).toEqual(['keep.txt']);

    const empty = join(fixture.tempDir(), 'empty');
    mkdirSync(empty);
    await exportParquet(store, { out: empty, what: 'book' });
    expect(existsSync(join(empty, 'symbol=QQQ'))).toBe(true);
  });
});
