import { join } from 'node:path';
import { startSimulator, type TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { ManualClock } from '../../support/manual-clock.js';
import { openLiveBook } from '../../support/standard-book.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { until } from '../../support/until.js';
import { CliProcess, type Launch } from './cli-process.js';

export interface ServeProcess {
  /** The simulated TWS (on a manual clock) holding the live book. */
  readonly sim: TwsSimulator;
  /** A temp folder for the test's files; the DuckDB file is `db`, in it. */
  readonly folder: string;
  readonly db: string;
  readonly serve: CliProcess;
  /** The GraphQL endpoint the process logged. */
  readonly url: string;
}

/**
 * `position-sentinel serve` as a child process on a simulator holding the live book, with its
 * DuckDB file in a temp folder and `flags` after the port, file and broker; resolves once the
 * STARTUP run is recorded. `cleanup` receives what to undo, in the order it was made.
 */
export async function startServeProcess(
  flags: readonly string[],
  cleanup: (fn: () => Promise<void> | void) => void,
  launch?: Launch,
): Promise<ServeProcess> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, clock: new ManualClock(new Date()) });
  cleanup(() => sim.stop());
  openLiveBook(sim);
  const folder = makeTempDir('sentinel-serve-');
  cleanup(() => folder.remove());
  const db = join(folder.path, 'positions.duckdb');
  const serve = new CliProcess(
    ['serve', '--port=0', `--db=${db}`, `--ib-port=${sim.port}`, ...flags],
    {},
    launch,
  );
  cleanup(() => serve.dispose());
  // Generous: the first start of a built product or of tsx on a busy machine can take long.
  const url = String((await serve.untilLog('API listening', 180_000)).graphql);
  await until(async () => (await lastRunTrigger(url)) === 'STARTUP', 'the STARTUP run of serve', 60_000);
  return { sim, folder: folder.path, db, serve, url };
}

async function lastRunTrigger(url: string): Promise<string | undefined> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ status { reconciliation { lastRun { trigger } } } }' }),
  });
  const body = (await response.json()) as {
    data?: { status: { reconciliation: { lastRun: { trigger: string } | null } } };
  };
  return body.data?.status.reconciliation.lastRun?.trigger;
}
