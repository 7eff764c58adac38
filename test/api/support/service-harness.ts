import { join } from 'node:path';
import { expect } from 'vitest';
import { loadConfig } from '../../../src/app/config.js';
import { type Sentinel, startSentinel } from '../../../src/app/start-sentinel.js';
import type { Contract } from '../../../src/domain/contract.js';
import { startSimulator, type TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { type Logger, silentLogger } from '../../../src/infra/logger.js';
import { option } from '../../support/contracts.js';
import { ManualClock } from '../../support/manual-clock.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { until } from '../../support/until.js';

const REFUSE_MS = 60_000;

export const ACCOUNT_A = 'DU111111';
export const ACCOUNT_B = 'DU222222';

/** Option expiries a year from today, so that no test contract is ever expired when the suite runs. */
function expiryInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}

const FAR = expiryInDays(400);
export const SPY_CALL: Contract = option(810001, 'SPY', FAR, 600, 'CALL');
export const SPY_PUT: Contract = option(810002, 'SPY', FAR, 550, 'PUT');
export const QQQ_CALL: Contract = option(810003, 'QQQ', FAR, 520, 'CALL');
export const AAPL_PUT: Contract = option(810004, 'AAPL', FAR, 230, 'PUT');

export interface ServiceOptions {
  /** `--api-key` values, e.g. `reader-key-0001:read`; none means loopback without keys. */
  readonly apiKeys?: readonly string[];
  /** More command-line flags for the service. */
  readonly flags?: readonly string[];
  /** The broker's book before the service connects; default a small book in both accounts. */
  readonly seed?: (sim: TwsSimulator) => void;
  /** Starts the service while the simulated TWS refuses connections (it listens again on `acceptBroker()`). */
  readonly brokerDown?: boolean;
  /** Where the DuckDB file goes (default a fresh temp folder). */
  readonly dbFolder?: string;
  /** Default: silent. */
  readonly logger?: Logger;
  /** How long an SSE stream may stay idle before its keep-alive comment (default the service's). */
  readonly sseKeepAliveMs?: number;
}

/** Closes the simulator's port at once; it opens again when its clock passes REFUSE_MS. */
async function refuseConnections(sim: TwsSimulator): Promise<{ reopened: Promise<void> }> {
  const reopened = sim.restart({ refuseForMs: REFUSE_MS });
  await until(() => !sim.listening, 'the simulated TWS to stop listening');
  return { reopened };
}

export function seedDefaultBook(sim: TwsSimulator): void {
  sim.setPrices([
    [SPY_CALL.conId, 12.5],
    [SPY_PUT.conId, 4.2],
    [QQQ_CALL.conId, 9.75],
    [AAPL_PUT.conId, 3.1],
  ]);
  sim.open(ACCOUNT_A, SPY_CALL, 10);
  sim.open(ACCOUNT_A, SPY_PUT, -5);
  sim.open(ACCOUNT_B, QQQ_CALL, 3);
}

/**
 * The whole service (store in a temp folder, API on a free port) connected over a real socket to
 * a simulated TWS that only does what the test tells it. The simulator runs on a manual clock, so
 * nothing happens on the broker side unless a test makes it happen.
 */
export class ServiceHarness {
  private constructor(
    readonly sim: TwsSimulator,
    readonly simClock: ManualClock,
    readonly sentinel: Sentinel,
    readonly db: string,
    private readonly folder: { remove(): void },
    private reopened: Promise<void> | undefined,
  ) {}

  static async start(options: ServiceOptions = {}): Promise<ServiceHarness> {
    const folder = makeTempDir('sentinel-api-');
    const simClock = new ManualClock(new Date());
    let sim: TwsSimulator | undefined;
    try {
      sim = await startSimulator({ host: '127.0.0.1', port: 0, clock: simClock });
      (options.seed ?? seedDefaultBook)(sim);
      const reopened = options.brokerDown ? (await refuseConnections(sim)).reopened : undefined;
      const db = join(options.dbFolder ?? folder.path, 'positions.duckdb');
      const { config } = loadConfig(
        [
          '--port=0',
          `--db=${db}`,
          `--ib-port=${sim.port}`,
          '--flush-interval-ms=20',
          '--quiet-window-ms=0',
          '--reconcile-interval-ms=3600000',
          '--snapshot-timeout-ms=15000',
          ...(options.apiKeys ?? []).map((k) => `--api-key=${k}`),
          ...(options.flags ?? []),
        ],
        {},
      );
      const sentinel = await startSentinel({
        config,
        logger: options.logger ?? silentLogger,
        // Reconnects within a fraction of a second, so that no test waits on the production backoff.
        tuning: { brokerBackoff: { initialDelayMs: 20, maxDelayMs: 200 } },
        ...(options.sseKeepAliveMs !== undefined ? { sseKeepAliveMs: options.sseKeepAliveMs } : {}),
      });
      const harness = new ServiceHarness(sim, simClock, sentinel, db, folder, reopened);
      if (!options.brokerDown) {
        await harness.untilStartupRun().catch(async (error: unknown) => {
          await harness.dispose();
          throw error;
        });
      }
      return harness;
    } catch (error) {
      await sim?.stop();
      folder.remove();
      throw error;
    }
  }

  get url(): string {
    return `${this.sentinel.url}/graphql`;
  }

  get wsUrl(): string {
    return this.url.replace(/^http/, 'ws');
  }

  /** One sample of the service's /metrics, e.g. `metric('sentinel_active_subscriptions')`. */
  async metric(series: string, key?: string): Promise<number | undefined> {
    const response = await fetch(`${this.sentinel.url}/metrics`, {
      headers: key ? { authorization: `Bearer ${key}` } : {},
    });
    const text = await response.text();
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  }

  /** Waits until the service counts `count` live subscriptions: from then on, none misses an event. */
  async untilSubscriptions(count: number, key?: string): Promise<void> {
    await expect
      .poll(() => this.metric('sentinel_active_subscriptions', key), {
        timeout: 15_000,
        interval: 10,
        message: `waiting for ${count} active subscription(s)`,
      })
      .toBe(count);
  }

  /** The simulated TWS drops every connection and refuses new ones until `acceptBroker()`. */
  async refuseBroker(): Promise<void> {
    this.reopened = (await refuseConnections(this.sim)).reopened;
  }

  /** Lets the simulated TWS listen again after `brokerDown` or `refuseBroker()`; resolves once it does. */
  async acceptBroker(): Promise<void> {
    this.simClock.advance(REFUSE_MS);
    await this.reopened;
    this.reopened = undefined;
  }

  /** Resolves once the broker is READY and its STARTUP run is recorded. */
  async untilStartupRun(): Promise<void> {
    const { reconciliation } = this.sentinel;
    let done = reconciliation.status().lastRun?.trigger === 'STARTUP';
    const detach = reconciliation.onRun((run) => {
      if (run.trigger === 'STARTUP') done = true;
    });
    try {
      await until(() => done, 'the STARTUP reconciliation');
    } finally {
      detach();
    }
  }

  async dispose(): Promise<void> {
    try {
      await this.sentinel.close();
      await this.sim.stop();
    } finally {
      this.folder.remove();
    }
  }
}
