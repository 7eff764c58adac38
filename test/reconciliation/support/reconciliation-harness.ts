import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { type Config, loadConfig } from '../../../src/app/config.js';
import { assembleCore, type SentinelCore } from '../../../src/app/sentinel-core.js';
import type { Contract } from '../../../src/domain/contract.js';
import type { Discrepancy } from '../../../src/domain/discrepancy.js';
import type { RecordedDiscrepancyEvent } from '../../../src/domain/discrepancy-event.js';
import type { BrokerSessionEvent } from '../../../src/domain/ports/broker-port.js';
import type { Position } from '../../../src/domain/position.js';
import type { PositionEvent } from '../../../src/domain/position-update.js';
import type { ReconciliationRun, ReconciliationTrigger } from '../../../src/domain/reconciliation-run.js';
import { toNumber } from '../../../src/infra/duckdb/duckdb-sql.js';
import type { SimulatorEvent } from '../../../src/infra/ib-simulator/simulator-events.js';
import { startSimulator, type TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { captureLogger, type LogLine } from '../../support/capture-logger.js';
import { ManualClock } from '../../support/manual-clock.js';
import { openStandardBook } from '../../support/standard-book.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { until } from '../../support/until.js';

/** When both clocks start: a Wednesday afternoon, the market open. */
const START = '2026-11-25T15:00:00Z';

/** Short intervals by configuration; time only moves when a test moves a manual clock. */
export const TEST_FLAGS = {
  reconcileIntervalMs: 60_000,
  staleAfterMs: 120_000,
  quietWindowMs: 5_000,
  snapshotTimeoutMs: 20_000,
  flushIntervalMs: 1_000,
} as const;

export interface HarnessOptions {
  /** Extra configuration flags, after the harness's own (so they win). */
  readonly flags?: readonly string[];
}

/** One service core (as `assembleCore` builds it) and everything it published, in order. */
export class RecordedCore {
  readonly runs: ReconciliationRun[] = [];
  readonly discrepancyEvents: RecordedDiscrepancyEvent[] = [];
  readonly writerEvents: PositionEvent[] = [];
  readonly sessions: BrokerSessionEvent[] = [];

  constructor(
    readonly core: SentinelCore,
    readonly config: Config,
    readonly logs: LogLine[],
  ) {
    core.reconciliation.onRun((run) => this.runs.push(run));
    core.reconciliation.onDiscrepancyEvent((event) => this.discrepancyEvents.push(event));
    core.writer.onEvent((event) => this.writerEvents.push(event));
    core.broker.onSession((event) => this.sessions.push(event));
  }

  get service() {
    return this.core.reconciliation;
  }

  /** Waits for a published run that `accept`s, and returns the first such. */
  async untilRun(accept: (run: ReconciliationRun) => boolean, what: string): Promise<ReconciliationRun> {
    await until(() => this.runs.some(accept), what);
    return this.runs.find(accept)!;
  }

  untilRunCount(count: number): Promise<void> {
    return until(() => this.runs.length >= count, `${count} run(s)`);
  }

  triggers(): ReconciliationTrigger[] {
    return this.runs.map((r) => r.trigger);
  }

  /** Waits until the writer applied an update that leaves `account`/`conId` at `quantity`. */
  untilStored(account: string, conId: number, quantity: number): Promise<void> {
    return until(
      () =>
        this.writerEvents.some(
          (e) =>
            e.position.account === account && e.position.conId === conId && e.position.quantity === quantity,
        ),
      `the writer to hold ${quantity} of ${conId} in ${account}`,
    );
  }

  /** The store's latest row for the key, as the service reads it (writer buffer included). */
  stored(account: string, conId: number): Position | undefined {
    return this.core.writer.readModel.position({ account, conId });
  }

  /** The key's row in the DuckDB file itself (`positions_current`), ignoring the writer's buffer. */
  async storedInFile(
    account: string,
    conId: number,
  ): Promise<{ quantity: number; source: string } | undefined> {
    const [row] = await this.core.store.read(
      'SELECT CAST(quantity AS DOUBLE) AS quantity, source FROM positions_current WHERE account = $1 AND con_id = $2',
      [account, conId],
    );
    return row ? { quantity: toNumber(row.quantity), source: String(row.source) } : undefined;
  }

  /** Active discrepancies as persisted in the DuckDB file. */
  activeDiscrepancies(): Promise<Discrepancy[]> {
    return this.core.store.ledger.activeDiscrepancies();
  }

  discrepanciesOfRun(run: ReconciliationRun): Promise<Discrepancy[]> {
    return Promise.all(
      run.discrepancyIds.map(async (id) => {
        const discrepancy = await this.core.store.ledger.discrepancy(id);
        if (!discrepancy) throw new Error(`run ${run.id} names discrepancy ${id}, which is not stored`);
        return discrepancy;
      }),
    );
  }

  logsAt(level: LogLine['level']): LogLine[] {
    return this.logs.filter((l) => l.level === level);
  }
}

/**
 * A simulated TWS on a free loopback port and the product's core assembled on a real DuckDB file
 * in a temp folder, connected to it through the real IB adapter. Two manual clocks: `clock` drives
 * the core (schedule, quiet window, staleness, writer flushes, adapter timeouts), `simClock` the
 * simulator (portfolio refreshes, a delayed POSITION_END). `dispose()` stops everything.
 */
export class ReconciliationHarness {
  #clock = new ManualClock(START);
  #simClock = new ManualClock(START);
  #sim: TwsSimulator | undefined;
  #simulatorEvents: SimulatorEvent[] = [];
  #cores: RecordedCore[] = [];
  #dir: { readonly path: string; remove(): void } | undefined;
  #storeDir: string | undefined;
  #fileName = 'positions.duckdb';

  static start(): Promise<ReconciliationHarness> {
    return new ReconciliationHarness().start();
  }

  /** Starts afresh: new clocks, a new simulator, no core, a new temp folder when one is needed. */
  async start(): Promise<this> {
    this.#clock = new ManualClock(START);
    this.#simClock = new ManualClock(START);
    this.#simulatorEvents = [];
    this.#cores = [];
    this.#dir = undefined;
    this.#storeDir = undefined;
    this.#fileName = 'positions.duckdb';
    const sim = await startSimulator({ host: '127.0.0.1', port: 0, clock: this.#simClock });
    sim.onEvent((e) => this.#simulatorEvents.push(e));
    this.#sim = sim;
    return this;
  }

  get sim(): TwsSimulator {
    if (!this.#sim) throw new Error('the reconciliation harness is not started');
    return this.#sim;
  }

  /** Drives the core: schedule, quiet window, staleness, writer flushes, adapter timeouts. */
  get clock(): ManualClock {
    return this.#clock;
  }

  /** Drives the simulator: portfolio refreshes, a delayed POSITION_END. */
  get simClock(): ManualClock {
    return this.#simClock;
  }

  get simulatorEvents(): SimulatorEvent[] {
    return this.#simulatorEvents;
  }

  get dbPath(): string {
    if (this.#storeDir !== undefined) return join(this.#storeDir, this.#fileName);
    this.#dir ??= makeTempDir('sentinel-reconcile-');
    return join(this.#dir.path, this.#fileName);
  }

  /** Cores assembled from now on use a new, empty DuckDB file. */
  useNewStoreFile(name: string): void {
    this.#fileName = `${name}.duckdb`;
  }

  /** Keeps the DuckDB file in `dir` (which the caller owns) instead of a temp folder. */
  placeStoreIn(dir: string): void {
    this.#storeDir = dir;
  }

  /** The configuration `serve` would load from these flags: the simulator's port, the temp file. */
  config(flags: readonly string[] = []): Config {
    return loadConfig(
      [
        '--db',
        this.dbPath,
        '--ib-port',
        String(this.sim.port),
        '--reconcile-interval-ms',
        String(TEST_FLAGS.reconcileIntervalMs),
        '--stale-after-ms',
        String(TEST_FLAGS.staleAfterMs),
        '--quiet-window-ms',
        String(TEST_FLAGS.quietWindowMs),
        '--snapshot-timeout-ms',
        String(TEST_FLAGS.snapshotTimeoutMs),
        '--flush-interval-ms',
        String(TEST_FLAGS.flushIntervalMs),
        ...flags,
      ],
      {},
    ).config;
  }

  /** Assembles a core (not yet connected to the broker). */
  async assemble(options: HarnessOptions = {}): Promise<RecordedCore> {
    const { logger, lines } = captureLogger();
    const config = this.config(options.flags);
    const core = await assembleCore(config, logger, this.clock);
    const recorded = new RecordedCore(core, config, lines);
    this.#cores.push(recorded);
    return recorded;
  }

  /** Assembles a core, starts its broker connection and waits for the STARTUP run. */
  async connected(options: HarnessOptions = {}): Promise<RecordedCore> {
    const recorded = await this.assemble(options);
    recorded.core.broker.start();
    await recorded.untilRun((r) => r.trigger === 'STARTUP', 'the STARTUP run');
    return recorded;
  }

  /** Lists of positions the service has asked for on its latest connection: the feed's, then each snapshot's. */
  positionRequests(clientId = 17): number {
    return positionListRequests(this.sim, clientId);
  }

  untilPositionRequests(count: number): Promise<void> {
    return until(() => this.positionRequests() >= count, `${count} position list requests at the simulator`);
  }

  /** Opens a position the service hears about, and waits until the writer holds it. */
  async openStreamed(
    core: RecordedCore,
    account: string,
    contract: Contract,
    quantity: number,
  ): Promise<void> {
    this.sim.open(account, contract, quantity, { averageCost: 250 });
    await core.untilStored(account, contract.conId, quantity);
  }

  async dispose(): Promise<void> {
    const sim = this.#sim;
    this.#sim = undefined;
    for (const recorded of this.#cores.splice(0).reverse()) await recorded.core.close();
    await sim?.stop();
    this.#dir?.remove();
  }
}

/**
 * Registers the hooks of a test file: a fresh harness for each test, its simulator holding `book`
 * (default the standard book) before anything connects.
 */
export function useReconciliationHarness(
  book: ((sim: TwsSimulator) => void) | null = openStandardBook,
): ReconciliationHarness {
  const harness = new ReconciliationHarness();
  beforeEach(async () => {
    await harness.start();
    book?.(harness.sim);
  });
  afterEach(() => harness.dispose());
  return harness;
}

/**
 * The feed's REQ_POSITIONS plus one per snapshot whose requests have all arrived (a snapshot asks
 * each account with REQ_POSITIONS_MULTI), as seen by the simulator for one client.
 */
export function positionListRequests(sim: TwsSimulator, clientId: number): number {
  const requests = sim.requestsOf(clientId).map((r) => r.request);
  const feed = requests.filter((r) => r.type === 'REQ_POSITIONS').length;
  const snapshots = Math.min(
    ...sim.accounts.map(
      (account) => requests.filter((r) => r.type === 'REQ_POSITIONS_MULTI' && r.account === account).length,
    ),
  );
  return feed + snapshots;
}
