import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/app/config.js';
import { startSentinel } from '../../src/app/start-sentinel.js';
import { createLogger } from '../../src/infra/logger.js';
import type { BenchServer } from './bench-server.js';

/**
 * The whole service as `serve` runs it, connected to a simulated TWS in another process: every
 * event crosses the TWS protocol, the adapter, the writer and the API before it reaches anyone.
 * Resolves once the broker is READY and the STARTUP reconciliation is over, so that neither
 * competes with the measurement.
 */
export async function startOurServer(ibPort: number, db: string): Promise<BenchServer> {
  const { config } = loadConfig(
    ['--port=0', `--db=${db}`, `--ib-port=${ibPort}`, '--reconcile-interval-ms=86400000', '--log-level=warn'],
    {},
  );
  const logger = createLogger({ level: config.logLevel, write: (line) => process.stderr.write(line) });
  const sentinel = await startSentinel({ config, logger });
  const deadline = Date.now() + 60_000;
  while (sentinel.broker.state !== 'READY' || sentinel.reconciliation.status().lastRun === null) {
    if (Date.now() > deadline) {
      await sentinel.close();
      throw new Error(`the service did not get ready (broker ${sentinel.broker.state})`);
    }
    await sleep(50);
  }
  return { url: `${sentinel.url.replace(/^http/, 'ws')}/graphql`, close: () => sentinel.close() };
}
