import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toNumber } from '../../src/infra/duckdb/duckdb-sql.js';
import { openStore } from '../../src/infra/duckdb/open-store.js';
import { CliProcess, type Launch } from '../api/support/cli-process.js';
import { query } from '../api/support/graphql-http.js';
import { startServeProcess } from '../api/support/serve-process.js';
import { graphql } from '../gql/index.js';
import { OTHER, QQQ_CALL } from '../support/standard-book.js';
import { makeTempDir } from '../support/temp-dir.js';

const run = promisify(execFile);

const Status = graphql(`
  query CliSignalsStatus {
    status { store { path bufferedUpdates totalUpdates } reconciliation { lastRun { trigger } } }
  }
`);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The built product, compiled into a folder of its own (the checkout's dist is left alone). */
let built: { readonly path: string; remove(): void };
beforeAll(async () => {
  built = makeTempDir('sentinel-built-');
  // The compiled files find their packages and the package's own version from their folder.
  symlinkSync(join(process.cwd(), 'node_modules'), join(built.path, 'node_modules'), 'dir');
  copyFileSync(join(process.cwd(), 'package.json'), join(built.path, 'package.json'));
  await run('npx', ['tsc', '-p', 'tsconfig.build.json', '--outDir', join(built.path, 'dist')], {
    cwd: process.cwd(),
  });
}, 240_000);
afterAll(() => built?.remove());

/** Ctrl-C twice in a row, as a terminal delivers it to every process of the group. */
async function twoInterrupts(p: CliProcess): Promise<void> {
  p.killGroup('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 10));
  p.killGroup('SIGINT');
}

/** Waits for the STARTUP run and for updates waiting in the buffer; returns the status then. */
async function untilBuffered(p: CliProcess) {
  const listening = await p.untilLog('API listening', 180_000);
  const url = String(listening.graphql);
  await expect
    .poll(
      async () => {
        const { status } = await query(url, Status);
        return status.reconciliation.lastRun?.trigger === 'STARTUP' && status.store.bufferedUpdates > 0;
      },
      { timeout: 60_000, interval: 50 },
    )
    .toBe(true);
  return { url, status: (await query(url, Status)).status };
}

async function storedUpdates(db: string): Promise<number> {
  const store = await openStore({ path: db, readOnly: true });
  try {
    const [row] = await store.read('SELECT count(*) AS n FROM position_updates');
    return toNumber(row?.n ?? 0);
  } finally {
    await store.close();
  }
}

function ignoredSignals(p: CliProcess): number {
  return p.stdout.filter((l) => l.includes('already stopping; the signal is ignored')).length;
}

describe('two Ctrl-C 10 ms apart', { timeout: 300_000 }, () => {
  it('the production command (node on the built files): every buffered update is stored, exit 0', async () => {
    const launch: Launch = {
      command: process.execPath,
      prefix: [join(built.path, 'dist', 'src', 'cli', 'main.js')],
      cwd: built.path,
      group: true,
    };
    const { sim, db, serve } = await startServeProcess(
      ['--flush-interval-ms=3600000'],
      (fn) => cleanups.push(fn),
      launch,
    );
    const { url } = await untilBuffered(serve);
    for (const quantity of [4, 5, 6]) sim.change(OTHER, QQQ_CALL.conId, quantity);
    await expect.poll(async () => (await query(url, Status)).status.store.bufferedUpdates).toBe(8);
    const { status } = await query(url, Status);
    expect(status.store.totalUpdates).toBe(0);

    await twoInterrupts(serve);
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(ignoredSignals(serve)).toBeGreaterThanOrEqual(1);
    expect(await storedUpdates(db)).toBe(status.store.bufferedUpdates);
  });

  it('`npm run demo --db`: the store keeps every buffered update, exit 0', async () => {
    const folder = makeTempDir('sentinel-demo-signals-');
    cleanups.push(() => folder.remove());
    const db = join(folder.path, 'demo.duckdb');
    const demo = new CliProcess(['--port=0', `--db=${db}`, '--flush-interval-ms=3600000'], {}, npmDemo());
    cleanups.push(() => demo.dispose());
    const { status } = await untilBuffered(demo);
    const received = status.store.bufferedUpdates + status.store.totalUpdates;

    await twoInterrupts(demo);
    expect(await demo.exited, demo.output()).toEqual({ code: 0, signal: null });
    expect(ignoredSignals(demo)).toBeGreaterThanOrEqual(1);
    // The demo trades until it stops: at least what was buffered when the signals came.
    expect(await storedUpdates(db)).toBeGreaterThanOrEqual(received);
  });

  it('`npm run demo` without --db: its temporary store is removed, exit 0', async () => {
    const demo = new CliProcess(['--port=0', '--flush-interval-ms=3600000'], {}, npmDemo());
    cleanups.push(() => demo.dispose());
    const { status } = await untilBuffered(demo);
    expect(existsSync(status.store.path)).toBe(true);

    await twoInterrupts(demo);
    expect(await demo.exited, demo.output()).toEqual({ code: 0, signal: null });
    expect(existsSync(status.store.path)).toBe(false);
    expect(existsSync(`${status.store.path}.wal`)).toBe(false);
  });
});

/** `npm run demo -- <args>` from this checkout, in a process group of its own. */
function npmDemo(): Launch {
  return { command: 'npm', prefix: ['run', '-s', 'demo', '--'], group: true };
}
