import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { captureIo } from '../../support/capture-io.js';
import { SPY_550_P, SPY_600_C } from '../../support/contracts.js';
import { holdFileInAnotherProcess } from './support/lock-holder.js';
import { storeFixture, storePath, updateMaker } from './support/store-fixture.js';

const fixture = storeFixture();
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
  await fixture.cleanup();
});

/** A store file with a small history, closed so that a command can open it. */
async function storeFile(): Promise<string> {
  const path = storePath(fixture.tempDir());
  const { store, writer } = await fixture.openWithWriter(path);
  const make = updateMaker(store, { brokerTime: () => fixture.clock.now() });
  writer.enqueue(make({ contract: SPY_600_C, quantity: 2 }));
  writer.enqueue(make({ contract: SPY_550_P, quantity: -1 }));
  writer.enqueue(make({ contract: SPY_600_C, quantity: 0 }));
  await store.close();
  return path;
}

describe('position-sentinel export', () => {
  it('exports the history of the file named by --db', async () => {
    const db = await storeFile();
    const out = join(fixture.tempDir(), 'parquet');
    const io = captureIo();
    expect(await runCli(['export', '--out', out, '--db', db], io)).toBe(0);
    expect(io.stdoutText()).toBe(
      `Exported 3 position updates (1 symbol) from ${db} to ${out}, partitioned by symbol\n`,
    );
    expect(readdirSync(out)).toEqual(['symbol=SPY']);
  });

  it('exports the book, finding the file through SENTINEL_DB', async () => {
    const db = await storeFile();
    const out = join(fixture.tempDir(), 'book');
    const io = captureIo({ env: { SENTINEL_DB: db } });
    expect(await runCli(['export', '--out', out, '--what', 'book'], io)).toBe(0);
    expect(io.stdoutText()).toContain('Exported 1 open positions (1 symbol)');
  });

  it('bad options are usage errors (exit 2)', async () => {
    const db = await storeFile();
    const taken = fixture.tempDir();
    writeFileSync(join(taken, 'x'), '');
    const cases: [string[], string][] = [
      [['export', '--db', db], '--out DIR is required'],
      [['export', '--out', 'x', '--what', 'everything'], '--what must be history or book, not "everything"'],
      [['export', '--out', 'x', '--frobnicate'], "Unknown option '--frobnicate'"],
      [['export', '--out', taken, '--db', db], `${taken} is not empty: choose a new or empty folder`],
      [['export', '--out', 'x', '--db', ':memory:'], '--db must name a file'],
    ];
    for (const [argv, message] of cases) {
      const io = captureIo();
      expect(await runCli(argv, io)).toBe(2);
      expect(io.stderrText()).toContain(message);
    }
  });

  it('a missing file or a file in use is one clear line and exit 1', async () => {
    const dir = fixture.tempDir();
    const missing = captureIo();
    expect(await runCli(['export', '--out', join(dir, 'a'), '--db', join(dir, 'none.duckdb')], missing)).toBe(
      1,
    );
    expect(missing.stderrText()).toBe(
      `position-sentinel export: no DuckDB file at ${join(dir, 'none.duckdb')}: check --db (or SENTINEL_DB)\n`,
    );

    const db = await storeFile();
    const holder = await holdFileInAnotherProcess(db);
    stops.push(() => holder.stop());
    const busy = captureIo();
    expect(await runCli(['export', '--out', join(dir, 'b'), '--db', db], busy)).toBe(1);
    expect(busy.stderrText()).toMatch(
      new RegExp(
        `^position-sentinel export: DuckDB file ${db} is already in use by PID ${holder.pid} \\(.+\\): stop that process or choose another file with --db; ` +
          'a running service exports its own store: ask it with the exportPositions mutation \\(see export --help\\)\\n$',
      ),
    );
  });

  it('runs as a real process through npm run cli', async () => {
    const db = await storeFile();
    const out = join(fixture.tempDir(), 'parquet');
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', '-s', 'cli', '--', 'export', '--out', out, '--db', db],
      {
        cwd: process.cwd(),
      },
    );
    expect(stdout).toContain('Exported 3 position updates');
  });
});
