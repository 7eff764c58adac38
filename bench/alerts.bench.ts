import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/app/config.js';
import { type Sentinel, startSentinel } from '../src/app/start-sentinel.js';
import { startSimulator, type TwsSimulator } from '../src/infra/ib-simulator/tws-simulator.js';
import { silentLogger } from '../src/infra/logger.js';
import { option } from '../test/support/contracts.js';
import { startReceiver } from '../test/support/http-receiver.js';
import { type Benchmark, percentile, table } from './bench-kit.js';

const DISCREPANCIES = 1_000;
const ACCOUNT = 'DU111111';
const BOOK_QUERY = JSON.stringify({ query: '{ positions { account quantity contract { conId symbol } } }' });

/** `positions` over HTTP, one after another, for `ms`; each request's time in ms. */
async function positionQueries(url: string, until: () => boolean, atLeast = 50): Promise<number[]> {
  const times: number[] = [];
  while (times.length < atLeast || !until()) {
    const t0 = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: BOOK_QUERY,
    });
    await response.text();
    times.push(performance.now() - t0);
  }
  return times;
}

/** The floor: the same number of webhook-sized POSTs straight to the receiver, four at a time. */
async function rawPosts(url: string, count: number, body: string): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next++;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await response.text();
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  return performance.now() - t0;
}

export const alertsBenchmark: Benchmark = {
  title: 'Alerts: 1,000 discrepancies in one run',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'sentinel-bench-alerts-'));
    const receiver = await startReceiver();
    let simulator: TwsSimulator | undefined;
    let sentinel: Sentinel | undefined;
    try {
      simulator = await startSimulator();
      const far = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
      const contracts = Array.from({ length: DISCREPANCIES }, (_, i) =>
        option(900_000 + i, 'SPY', far, 300 + (i % 500), i % 2 ? 'CALL' : 'PUT'),
      );
      for (const c of contracts) simulator.open(ACCOUNT, c, 10, { marketPrice: 4.5 });
      const secret = join(dir, 'secret');
      writeFileSync(secret, 'whsec-bench-0123456789abcdef');
      const { config } = loadConfig(
        [
          '--port=0',
          `--db=${join(dir, 'positions.duckdb')}`,
          `--ib-port=${simulator.port}`,
          '--reconcile-interval-ms=86400000',
          '--quiet-window-ms=0',
          '--alert-route=webhook',
          `--alert-webhook-url=${receiver.url}/hook`,
          `--alert-webhook-secret-file=${secret}`,
        ],
        {},
      );
      sentinel = await startSentinel({ config, logger: silentLogger });
      const s = sentinel;
      await new Promise<void>((resolve) => {
        if (s.reconciliation.status().lastRun?.trigger === 'STARTUP') resolve();
        const detach = s.reconciliation.onRun((run) => {
          if (run.trigger === 'STARTUP') {
            detach();
            resolve();
          }
        });
      });
      const graphqlUrl = `${s.url}/graphql`;
      const idle = await positionQueries(graphqlUrl, () => true, 200);

      // Every position changes with no message: one run opens a discrepancy for each.
      for (const c of contracts) simulator.silently.change(ACCOUNT, c.conId, 7);
      const t0 = performance.now();
      const run = await s.reconciliation.reconcile();
      const recordedMs = performance.now() - t0;
      // Counted by status, not parsed: the bench must not spend its own time on the bodies.
      const delivered = () =>
        receiver.requests.filter((r) => r.status === 200).length >= run.discrepancyCount;
      const during = await positionQueries(graphqlUrl, delivered);
      const deliveredMs = performance.now() - t0;
      const sample = receiver.requests[0]?.body ?? '{}';
      const rawMs = await rawPosts(`${receiver.url}/raw`, run.discrepancyCount, sample);

      const idleP99 = percentile(idle, 99);
      const duringP99 = percentile(during, 99);
      return [
        `One run opens ${run.discrepancyCount} discrepancies; their alerts go to a webhook receiver on loopback`,
        'while `positions` is queried over HTTP one request after another. The floor for delivery is the',
        'same number of POSTs of the same body sent straight to the receiver, four at a time.',
        '',
        table(
          ['measure', 'ours', 'baseline', 'ratio'],
          [
            [
              '`positions` p99 (ms): during delivery vs idle',
              duringP99,
              idleP99,
              `${(duringP99 / idleP99).toFixed(2)}×`,
            ],
            [
              'all alerts received (ms) vs raw POSTs',
              deliveredMs,
              rawMs,
              `${(deliveredMs / rawMs).toFixed(1)}×`,
            ],
            ['run recorded with its alerts (ms)', recordedMs, '', ''],
          ],
        ),
        '',
        `Queries measured: ${idle.length} idle, ${during.length} during delivery.`,
      ].join('\n');
    } finally {
      await sentinel?.close();
      await simulator?.stop();
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
