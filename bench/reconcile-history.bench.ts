import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/app/config.js';
import { assembleCore, type SentinelCore } from '../src/app/sentinel-core.js';
import type { ReconciliationRun } from '../src/domain/reconciliation-run.js';
import { openStore } from '../src/infra/duckdb/open-store.js';
import { storedBookAsOf, storedCurrentBook } from '../src/infra/duckdb/position-queries.js';
import { createPositionWriter } from '../src/infra/duckdb/position-writer.js';
import { startSimulator, type TwsSimulator } from '../src/infra/ib-simulator/tws-simulator.js';
import { silentLogger } from '../src/infra/logger.js';
import { systemClock } from '../src/infra/system-clock.js';
import { type Benchmark, medianMs, table } from './bench-kit.js';
import { bookKey, buildHistoryFile } from './history/history-file.js';

const POSITIONS = 10_000;
const HISTORIES = [100_000, 1_000_000];
const RUNS = 5;

interface Measured {
  readonly history: number;
  readonly buildMs: number;
  readonly openMs: number;
  readonly runMs: number;
  readonly startup: ReconciliationRun;
  readonly fromCurrentMs: number;
  readonly fromHistoryMs: number;
}

async function measure(history: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'sentinel-bench-history-'));
  let simulator: TwsSimulator | undefined;
  let core: SentinelCore | undefined;
  try {
    const path = join(dir, 'positions.duckdb');
    const built = performance.now();
    await buildHistoryFile(path, POSITIONS, history);
    const buildMs = performance.now() - built;

    simulator = await startSimulator();
    for (let k = 0; k < POSITIONS; k++) {
      const key = bookKey(k);
      simulator.open(key.account, key.contract, key.quantity, { marketPrice: 4.5 });
    }
    const { config } = loadConfig(
      [
        `--db=${path}`,
        `--ib-port=${simulator.port}`,
        '--reconcile-interval-ms=86400000',
        '--quiet-window-ms=0',
      ],
      {},
    );
    const openMs = await medianMs(
      async () => {
        const store = await openStore({ path });
        await createPositionWriter(store);
        await store.close();
      },
      3,
      1,
    );
    core = await assembleCore(config, silentLogger, systemClock);
    const service = core;
    const startup = new Promise<ReconciliationRun>((resolve) => {
      const detach = service.reconciliation.onRun((run) => {
        detach();
        resolve(run);
      });
    });
    core.broker.start();
    const startupRun = await startup;
    await core.writer.flush();

    const runMs = await medianMs(() => service.reconciliation.reconcile('MANUAL'), RUNS, 1);
    const read = service.store.read.bind(service.store);
    const fromCurrentMs = await medianMs(() => storedCurrentBook(read), RUNS, 1);
    const fromHistoryMs = await medianMs(() => storedBookAsOf(read, new Date()), RUNS, 1);
    return { history, buildMs, openMs, runMs, startup: startupRun, fromCurrentMs, fromHistoryMs };
  } finally {
    await core?.close();
    await simulator?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const reconcileHistoryBenchmark: Benchmark = {
  title: 'Reconciliation against history size',
  async run() {
    const results: Measured[] = [];
    for (const history of HISTORIES) results.push(await measure(history));
    const [small, large] = results as [Measured, Measured];
    const ratio = (pick: (m: Measured) => number) => `${(pick(large) / pick(small)).toFixed(2)}×`;
    const n = (v: number) => v.toLocaleString('en-US');
    return [
      `${n(POSITIONS)} open option positions over two accounts, held by a simulated TWS and by a store file`,
      'whose history has 100,000 or 1,000,000 rows. A run is the real ReconciliationService wired as in',
      '`serve` (assembleCore): a complete broker snapshot over the TWS protocol, the book, the rules, the run',
      `and its discrepancies persisted. Median of ${RUNS} MANUAL runs after the STARTUP run (opening: median of 3,`,
      'store and writer alone; reads: median of 5, through the store). The simulator shares the',
      'process, so its encoding of the 10,000 snapshot rows is inside the time.',
      '',
      table(
        [
          'history rows',
          'reconciliation run (ms)',
          'store + writer open (ms)',
          'book from positions_current (ms)',
          'book rebuilt from history (ms)',
        ],
        [
          ...results.map((m) => [n(m.history), m.runMs, m.openMs, m.fromCurrentMs, m.fromHistoryMs]),
          [
            'ratio 1,000,000 / 100,000',
            ratio((m) => m.runMs),
            ratio((m) => m.openMs),
            ratio((m) => m.fromCurrentMs),
            ratio((m) => m.fromHistoryMs),
          ],
        ],
      ),
      '',
      `STARTUP runs: ${results.map((m) => `"${m.startup.summary}"`).join(' and ')}.`,
      `History files built by bulk INSERT … SELECT in ${results.map((m) => `${(m.buildMs / 1000).toFixed(1)} s`).join(' and ')}.`,
      '',
      'A run reads the book from the writer, which holds it in memory (loaded from positions_current when',
      'the store opens), so no part of a run reads the history. What does grow with the history is opening',
      'the store: the writer counts the history and loads the latest 100,000 idempotency keys. The last',
      'column is the same book computed from the history alone (the positionsAsOf query), which is what every',
      'read of the book would cost without positions_current.',
    ].join('\n');
  },
};
