import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { assembleCore } from '../../src/app/sentinel-core.js';
import { openStore } from '../../src/infra/duckdb/open-store.js';
import { startSimulator, type TwsSimulator } from '../../src/infra/ib-simulator/tws-simulator.js';
import { silentLogger } from '../../src/infra/logger.js';
import { closedPort } from '../support/closed-port.js';
import { option } from '../support/contracts.js';
import { ManualClock } from '../support/manual-clock.js';
import { MAIN, OTHER, openStandardBook, YEAR_AHEAD } from '../support/standard-book.js';
import { makeTempDir } from '../support/temp-dir.js';
import { ReconcileProcess } from './support/reconcile-process.js';

// The command runs on the real clock: its contracts expire a year from now, whatever today is.
const { spyCall: SPY_C, spxwCall: SPXW_C, aaplPut: AAPL_P } = YEAR_AHEAD;
const TSLA_C = option(810040, 'TSLA', YEAR_AHEAD.spyCall.expiry!, 300, 'CALL');

let simClock: ManualClock;
let sim: TwsSimulator;
let dir: ReturnType<typeof makeTempDir>;
const processes: ReconcileProcess[] = [];
const cleanups: (() => Promise<unknown> | unknown)[] = [];

beforeEach(async () => {
  simClock = new ManualClock(new Date());
  sim = await startSimulator({ host: '127.0.0.1', port: 0, clock: simClock });
  openStandardBook(sim, YEAR_AHEAD);
  dir = makeTempDir('sentinel-reconcile-cli-');
});
afterEach(async () => {
  for (const p of processes.splice(0)) await p.stop();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await sim.stop();
  dir.remove();
});

function reconcile(flags: readonly string[] = [], port = sim.port): ReconcileProcess {
  const p = new ReconcileProcess([
    '--ib-port',
    String(port),
    '--db',
    dbPath(),
    '--snapshot-timeout-ms',
    '20000',
    ...flags,
  ]);
  processes.push(p);
  return p;
}

const dbPath = () => join(dir.path, 'positions.duckdb');

/** The store as a service leaves it: the feed's starting list stored, a STARTUP run recorded. */
async function storeFromAService(): Promise<void> {
  const { config } = loadConfig(['--db', dbPath(), '--ib-port', String(sim.port)], {});
  const core = await assembleCore(config, silentLogger, new ManualClock(new Date()));
  try {
    const startup = new Promise<void>((resolve) =>
      core.reconciliation.onRun((run) => {
        if (run.trigger === 'STARTUP') resolve();
      }),
    );
    core.broker.start();
    await startup;
  } finally {
    await core.close();
  }
}

/** The store's whole book, every column of every row: the current book and the history. */
async function book(): Promise<string> {
  const store = await openStore({ path: dbPath(), readOnly: true });
  try {
    const current = await store.read('SELECT * FROM positions_current ORDER BY account, con_id');
    const history = await store.read('SELECT * FROM position_updates ORDER BY sequence');
    return JSON.stringify({ current, history }, (_key, value) =>
      typeof value === 'bigint' ? value.toString() : value instanceof Date ? value.toISOString() : value,
    );
  } finally {
    await store.close();
  }
}

describe('`npm run cli -- reconcile`: the store as it is against the broker', { timeout: 120_000 }, () => {
  it('exits 0 and prints the summary when the store agrees with the broker', async () => {
    await storeFromAService();
    const { code, stdout } = await reconcile().result;
    expect(stdout).toBe('Broker: 4, Store: 4, Discrepancies: 0 (0 critical)\n');
    expect(code).toBe(0);
  });

  it('a silent change while no service ran: reported, exit 1, and the book left byte for byte as it was', async () => {
    await storeFromAService();
    sim.silently.change(OTHER, AAPL_P.conId, 5);
    sim.silently.open(OTHER, TSLA_C, 2, { averageCost: 900 });
    const before = await book();
    const { code, stdout } = await reconcile().result;
    const lines = stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Broker: 5, Store: 4, Discrepancies: 2 (0 critical)');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        /^ {2}WARNING +POSITION_MISMATCH +DU222222 +AAPL .* 230 P: Broker holds 5, store holds 3/,
      ),
      expect.stringMatching(/^ {2}WARNING +MISSING_FROM_STORE +DU222222 +TSLA .* 300 C: Broker holds 2 /),
    ]);
    expect(code).toBe(1);
    expect(await book()).toBe(before);
    // Asked again, it still finds the drift: nothing was rewritten behind the report.
    expect((await reconcile().result).code).toBe(1);
  });

  it('with --heal the corrections are written and reported as healed; the next check is clean', async () => {
    await storeFromAService();
    sim.silently.change(MAIN, SPY_C.conId, 5);
    const healed = await reconcile(['--heal']).result;
    expect(healed.stdout.trimEnd().split('\n')).toEqual([
      'Broker: 4, Store: 4, Discrepancies: 1 (0 critical)',
      expect.stringMatching(
        /^ {2}WARNING +POSITION_MISMATCH +DU111111 +SPY .*: Broker holds 5, store holds 2 .*\[resolved: healed: the store took the broker snapshot\]$/,
      ),
      "  healed: 1 position(s) took the broker's snapshot",
    ]);
    expect(healed.code).toBe(1);
    const again = await reconcile().result;
    expect([again.code, again.stdout]).toEqual([0, 'Broker: 4, Store: 4, Discrepancies: 0 (0 critical)\n']);
  });

  it('exits 3 when a discrepancy is critical (long and short reversed, a naked position)', async () => {
    await storeFromAService();
    sim.silently.change(OTHER, SPXW_C.conId, 1);
    sim.remove(MAIN, SPY_C.conId, { silent: true });
    const { code, stdout } = await reconcile().result;
    expect(stdout).toMatch(/^Broker: 3, Store: 4, Discrepancies: 2 \(2 critical\)\n/);
    expect(stdout).toMatch(/CRITICAL +NAKED_POSITION +DU111111 +SPY /);
    expect(stdout).toMatch(/CRITICAL +POSITION_MISMATCH +DU222222 +SPX .*\(long and short reversed\)/);
    expect(code).toBe(3);
  });

  it('a store that holds nothing is compared as it is: every broker position is missing from it', async () => {
    const { code, stdout } = await reconcile().result;
    expect(stdout).toMatch(/^Broker: 4, Store: 0, Discrepancies: 4 \(0 critical\)\n/);
    expect(code).toBe(1);
  });

  it('exits 4 when nothing listens at the broker’s address', async () => {
    const port = await closedPort();
    const { code, stdout, stderr } = await reconcile(['--snapshot-timeout-ms', '1000'], port).result;
    expect(stdout).toBe(
      `Broker: unavailable (not connected to TWS at 127.0.0.1:${port}), Store: 0, no discrepancies reported\n`,
    );
    expect(stderr).toContain(`127.0.0.1:${port}`);
    expect(code).toBe(4);
  });

  it('exits 4 when the broker never completes its list of positions (POSITION_END withheld)', async () => {
    sim.withholdPositionEnd(true);
    const { code, stdout } = await reconcile(['--snapshot-timeout-ms', '1000']).result;
    expect(stdout).toMatch(/^Broker: unavailable \(.+\), Store: \d+, no discrepancies reported\n$/);
    expect(code).toBe(4);
  });

  it('exits 5 when the store is held by another process, and 2 for a bad option', async () => {
    const held = await openStore({ path: join(dir.path, 'positions.duckdb') });
    cleanups.push(() => held.close());
    const inUse = await reconcile().result;
    expect(inUse.stderr).toMatch(/position-sentinel reconcile: DuckDB file .* is already in use/);
    expect(inUse.code).toBe(5);

    const bad = await reconcile(['--ib-port', 'seven']).result;
    expect(bad.stderr).toContain('--ib-port must be a whole number from 1 to 65535, got "seven"');
    expect(bad.code).toBe(2);
  });
});
