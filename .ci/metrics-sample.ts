// Prints one /metrics scrape of the demo after its first reconciliation, for `promtool check
// metrics` in CI: the exposition must be valid for Prometheus, not only for our own parser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/app/config.js';
import { startDemo } from '../src/app/start-demo.js';
import { silentLogger } from '../src/infra/logger.js';

const folder = mkdtempSync(join(tmpdir(), 'sentinel-metrics-'));
const { config } = loadConfig(['--port', '0', '--db', join(folder, 'positions.duckdb')], {});
const demo = await startDemo({ config, logger: silentLogger, seed: 1 });
try {
  const first = new Promise<void>((resolve) => {
    const stop = demo.sentinel.reconciliation.onRun(() => {
      stop();
      resolve();
    });
  });
  await first;
  const response = await fetch(`${demo.sentinel.url}/metrics`);
  process.stdout.write(await response.text());
} finally {
  await demo.close();
  rmSync(folder, { recursive: true, force: true });
}
