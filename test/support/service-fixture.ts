import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { type Config, loadConfig } from '../../src/app/config.js';
import { type Sentinel, startSentinel } from '../../src/app/start-sentinel.js';
import { startSimulator, type TwsSimulator } from '../../src/infra/ib-simulator/tws-simulator.js';
import { type Logger, silentLogger } from '../../src/infra/logger.js';
import { systemClock } from '../../src/infra/system-clock.js';
import { ManualClock } from './manual-clock.js';
import { openLiveBook } from './standard-book.js';
import { makeTempDir } from './temp-dir.js';
import { until } from './until.js';

/** How long the simulated TWS refuses connections after `refuseBroker()` (its manual clock ends it). */
const REFUSE_MS = 60_000;

export interface ServiceOptions {
  /** `--api-key` values, e.g. `reader-key-0001:read`; none means loopback callers need no key. */
  readonly apiKeys?: readonly string[];
  /** More command-line flags, after the fixture's own (so they win). */
  readonly flags?: readonly string[];
  /** The broker's book before the service connects (default the live standard book, none in a demo); null: empty. */
  readonly book?: ((sim: TwsSimulator) => void) | null;
  /** Starts the service while the simulated TWS refuses connections (it listens again on `acceptBroker()`). */
  readonly brokerDown?: boolean;
  /** Where the DuckDB file goes (default a fresh temp folder). */
  readonly dbFolder?: string;
  /** Default: silent. */
  readonly logger?: Logger;
  /** How long an SSE stream may stay idle before its keep-alive comment (default the service's). */
  readonly sseKeepAliveMs?: number;
  /**
   * Runs as `position-sentinel demo` does: the status says so, the simulator runs on the real clock
   * (a delayed reply arrives by itself) and the broker holds what the test opens.
   */
  readonly demo?: boolean;
  /** The built dashboard to serve at `/`. */
  readonly webRoot?: string;
}

interface Running {
  readonly simulator: TwsSimulator;
  readonly simClock: ManualClock | undefined;
  config: Config;
  readonly folder: { remove(): void };
  sentinel: Sentinel | undefined;
  reopened: Promise<void> | undefined;
}

/**
 * The whole service as `serve` runs it (a real DuckDB file in a temp folder, the API on a free
 * port) connected over a real socket to a simulated TWS that only does what the test tells it: the
 * simulator runs on a manual clock, no run is scheduled during a test and there is no quiet window
 * (a drift is found by the next run). Started, it has had its STARTUP run, so a run a test asks for
 * is a run of its own. The service can be stopped and started again on the same port and file, as
 * an operator restarting it would; `dispose()` stops everything, what `cleanup()` registered first.
 */
export class ServiceFixture {
  #running: Running | undefined;
  readonly #cleanups: (() => Promise<void> | void)[] = [];

  constructor(readonly options: ServiceOptions = {}) {}

  async start(): Promise<this> {
    if (this.#running) throw new Error('the service fixture is already started');
    const { options } = this;
    const folder = makeTempDir('sentinel-service-');
    const simClock = options.demo ? undefined : new ManualClock(new Date());
    let simulator: TwsSimulator | undefined;
    try {
      simulator = await startSimulator({ host: '127.0.0.1', port: 0, clock: simClock ?? systemClock });
      const book = options.book === undefined ? (options.demo ? null : openLiveBook) : options.book;
      book?.(simulator);
      const running: Running = {
        simulator,
        simClock,
        config: this.#config(simulator, options.dbFolder ?? folder.path),
        folder,
        sentinel: undefined,
        reopened: options.brokerDown ? (await refuseConnections(simulator)).reopened : undefined,
      };
      this.#running = running;
      await this.startService();
      if (!options.brokerDown) await this.untilStartupRun();
      return this;
    } catch (error) {
      if (this.#running) await this.dispose();
      else {
        await simulator?.stop();
        folder.remove();
      }
      throw error;
    }
  }

  #config(simulator: TwsSimulator, dbFolder: string): Config {
    const { options } = this;
    return loadConfig(
      [
        '--port=0',
        `--db=${join(dbFolder, 'positions.duckdb')}`,
        `--ib-port=${simulator.port}`,
        '--flush-interval-ms=20',
        '--quiet-window-ms=0',
        '--reconcile-interval-ms=3600000',
        '--snapshot-timeout-ms=15000',
        ...(options.apiKeys ?? []).map((k) => `--api-key=${k}`),
        ...(options.flags ?? []),
      ],
      {},
    ).config;
  }

  get #state(): Running {
    if (!this.#running) throw new Error('the service fixture is not started');
    return this.#running;
  }

  get simulator(): TwsSimulator {
    return this.#state.simulator;
  }

  /** The simulator's clock: nothing happens at the broker unless a test moves it. */
  get simClock(): ManualClock {
    const { simClock } = this.#state;
    if (!simClock) throw new Error('a demo service’s simulator runs on the real clock');
    return simClock;
  }

  get sentinel(): Sentinel {
    const { sentinel } = this.#state;
    if (!sentinel) throw new Error('the service is stopped');
    return sentinel;
  }

  /** The configuration the service runs with: its own port once started, the simulator's. */
  get config(): Config {
    return this.#state.config;
  }

  get db(): string {
    return this.config.db;
  }

  get running(): boolean {
    return this.#state.sentinel !== undefined;
  }

  /** http://127.0.0.1:<port>, the same across restarts. */
  get url(): string {
    return this.sentinel.url;
  }

  get graphqlUrl(): string {
    return `${this.url}/graphql`;
  }

  get wsUrl(): string {
    return this.graphqlUrl.replace(/^http/, 'ws');
  }

  /** Starts the service (again) on the same port and DuckDB file. */
  async startService(): Promise<void> {
    const state = this.#state;
    if (state.sentinel) throw new Error('the service is already running');
    const { options } = this;
    state.sentinel = await startSentinel({
      config: state.config,
      logger: options.logger ?? silentLogger,
      // Reconnects within a fraction of a second, so that no test waits on the production backoff.
      tuning: { brokerBackoff: { initialDelayMs: 20, maxDelayMs: 200 } },
      ...(options.demo ? { demo: true } : {}),
      ...(options.webRoot ? { webRoot: options.webRoot } : {}),
      ...(options.sseKeepAliveMs !== undefined ? { sseKeepAliveMs: options.sseKeepAliveMs } : {}),
    });
    state.config = { ...state.config, port: state.sentinel.port };
  }

  /** Closes the service (API, reconciliation, broker, store); the simulator stays up. */
  async stopService(): Promise<void> {
    const state = this.#state;
    const { sentinel } = state;
    state.sentinel = undefined;
    await sentinel?.close();
  }

  /** Runs `fn` on `dispose()`, before the service stops, the last registered first. */
  cleanup(fn: () => Promise<void> | void): void {
    this.#cleanups.push(fn);
  }

  /** One sample of the service's /metrics, e.g. `metric('sentinel_active_subscriptions')`. */
  async metric(series: string, key?: string): Promise<number | undefined> {
    const response = await fetch(`${this.url}/metrics`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    const text = await response.text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

  /** Waits until the service counts `count` live subscriptions: from then on, none misses an event. */
  async untilSubscriptions(count: number, key?: string): Promise<void> {
    await until(
      async () => (await this.metric('sentinel_active_subscriptions', key)) === count,
      `${count} active subscription(s)`,
    );
  }

  /** Resolves once the broker is READY and its STARTUP run is recorded and over. */
  async untilStartupRun(): Promise<void> {
    const { reconciliation } = this.sentinel;
    let done = reconciliation.status().lastRun?.trigger === 'STARTUP';
    const detach = reconciliation.onRun((run) => {
      if (run.trigger === 'STARTUP') done = true;
    });
    try {
      await until(() => done && !reconciliation.status().running, 'the STARTUP reconciliation');
    } finally {
      detach();
    }
  }

  /** Waits until the service has finished a run other than `previousRunId`. */
  async untilRunAfter(previousRunId: string | undefined): Promise<void> {
    const { reconciliation } = this.sentinel;
    await until(
      () => {
        const { running, lastRun } = reconciliation.status();
        return !running && lastRun !== null && lastRun.id !== previousRunId;
      },
      `a run after ${previousRunId ?? 'none'}`,
    );
  }

  /** The simulated TWS drops every connection and refuses new ones until `acceptBroker()`. */
  async refuseBroker(): Promise<void> {
    this.#state.reopened = (await refuseConnections(this.simulator)).reopened;
  }

  /** Lets the simulated TWS listen again after `brokerDown` or `refuseBroker()`; resolves once it does. */
  async acceptBroker(): Promise<void> {
    const state = this.#state;
    this.simClock.advance(REFUSE_MS);
    await state.reopened;
    state.reopened = undefined;
  }

  async dispose(): Promise<void> {
    const state = this.#running;
    this.#running = undefined;
    try {
      for (const cleanup of this.#cleanups.splice(0).reverse()) await cleanup();
    } finally {
      if (state) {
        try {
          await state.sentinel?.close();
          await state.simulator.stop();
        } finally {
          state.folder.remove();
        }
      }
    }
  }
}

/** Starts a service for one test; the caller disposes of it. */
export function startService(options: ServiceOptions = {}): Promise<ServiceFixture> {
  return new ServiceFixture(options).start();
}

/**
 * Registers the hooks of a test file that runs against one service: a fresh one for each test
 * (default), or one for the whole file (`per: 'file'`), for tests that leave nothing behind.
 */
export function useService(options: ServiceOptions = {}, per: 'test' | 'file' = 'test'): ServiceFixture {
  const service = new ServiceFixture(options);
  (per === 'file' ? beforeAll : beforeEach)(async () => {
    await service.start();
  });
  (per === 'file' ? afterAll : afterEach)(() => service.dispose());
  return service;
}

/** Closes the simulator's port at once; it opens again when its clock passes REFUSE_MS. */
async function refuseConnections(sim: TwsSimulator): Promise<{ reopened: Promise<void> }> {
  const reopened = sim.restart({ refuseForMs: REFUSE_MS });
  await until(() => !sim.listening, 'the simulated TWS to stop listening');
  return { reopened };
}
