import { join } from 'node:path';
import { expect } from 'vitest';
import { type Config, loadConfig } from '../../../src/app/config.js';
import { type Demo, startDemo } from '../../../src/app/start-demo.js';
import type { Sentinel } from '../../../src/app/start-sentinel.js';
import { silentLogger } from '../../../src/infra/logger.js';

const WAIT = { timeout: 15_000, interval: 50 };

export interface ExampleService {
  readonly demo: Demo;
  /** The configuration it runs with (its own port and file once started). */
  readonly config: Config;
  readonly graphqlUrl: string;
}

/**
 * The service the examples talk to: the demo on port 0, with a simulator that only does what the
 * test tells it, a DuckDB file in `dir`, no quiet window (a change is checked at the next run)
 * and no scheduled run during a test. Resolves once the STARTUP run is over, so that a run the
 * test asks for is a run of its own.
 */
export async function startExampleService(
  dir: string,
  flags: readonly string[] = [],
): Promise<ExampleService> {
  const { config } = loadConfig(
    [
      '--port=0',
      `--db=${join(dir, 'positions.duckdb')}`,
      '--quiet-window-ms=0',
      '--reconcile-interval-ms=3600000',
      ...flags,
    ],
    {},
  );
  const demo = await startDemo({ config, logger: silentLogger, seed: 1, scenario: false });
  await untilRunAfter(demo.sentinel, undefined);
  return {
    demo,
    config: { ...config, port: demo.sentinel.port, ib: { ...config.ib, port: demo.simulator.port } },
    graphqlUrl: `${demo.sentinel.url}/graphql`,
  };
}

/** Waits until the service has finished a run other than `previousRunId`. */
export async function untilRunAfter(sentinel: Sentinel, previousRunId: string | undefined): Promise<void> {
  await expect
    .poll(() => {
      const { running, lastRun } = sentinel.reconciliation.status();
      return !running && lastRun !== null && lastRun.id !== previousRunId;
    }, WAIT)
    .toBe(true);
}

/** Subscriptions the service reports as active on /metrics. */
export async function activeSubscriptions(sentinel: Sentinel): Promise<number> {
  const text = await (await fetch(`${sentinel.url}/metrics`)).text();
  return Number(/^sentinel_active_subscriptions (\d+)$/m.exec(text)?.[1] ?? Number.NaN);
}

/** Open positions in the service's store, asked as a client would. */
export async function storedOpenPositions(graphqlUrl: string): Promise<number> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ positions { id } }' }),
  });
  const body = (await response.json()) as { data?: { positions: unknown[] } };
  return body.data?.positions.length ?? Number.NaN;
}

export { WAIT };
