/**
 * Takes the README's picture of the demo dashboard: `npm run screenshot [-- out.png]` (default
 * docs/dashboard.png). It runs the demo as `npm run demo` does (the simulated
 * options book trading on its own), makes two silent drifts, runs a few reconciliations so the
 * chart has a history, acknowledges one detected with a note, and photographs the page in Chromium.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/app/config.js';
import { startDemo } from '../src/app/start-demo.js';
import { silentLogger } from '../src/infra/logger.js';
import { buildDashboard } from '../test/browser/support/build-dashboard.js';
import { launchChromium } from '../test/browser/support/chromium.js';
import { makeTempDir } from '../test/support/temp-dir.js';

const out = process.argv[2] ?? 'docs/dashboard.png';
const built = await buildDashboard();
const dir = makeTempDir('sentinel-screenshot-');
const { config } = loadConfig(
  ['--port=0', `--db=${dir.path}/positions.duckdb`, '--reconcile-interval-ms=3600000', '--log-level=error'],
  {},
);
const demo = await startDemo({ config, logger: silentLogger, seed: 20261218, webRoot: built.root });
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(demo.sentinel.url);
  await page.getByTestId('connection').filter({ hasText: 'live' }).waitFor();
  await page.locator('tr[data-position]').first().waitFor();

  const reconcile = () => page.getByRole('button', { name: 'Reconcile now' }).click();
  // A history for the chart: runs a few seconds apart while the book trades.
  for (let i = 0; i < 8; i++) {
    await reconcile();
    await sleep(700);
  }
  // Two drifts nobody is told about: a position gone at the broker, another changed.
  const [gone, changed] = demo.simulator.positions().filter((p) => p.quantity !== 0);
  if (!gone || !changed) throw new Error('the demo book is empty');
  demo.simulator.remove(gone.account, gone.contract.conId, { silent: true });
  demo.simulator.silently.change(changed.account, changed.contract.conId, changed.quantity + 3);
  await sleep(6000); // past the quiet window, so the run reports both instead of deferring them
  await reconcile();
  const rows = page.locator('tr[data-discrepancy]');
  await rows.nth(1).waitFor();
  const warning = page.locator('tr[data-discrepancy].severity-warning').first();
  await warning.getByRole('textbox', { name: 'Note' }).fill('desk confirms, booking fix');
  await warning.getByRole('button', { name: 'Acknowledge' }).click();
  await page.locator('tr[data-status="ACKNOWLEDGED"]').waitFor();
  await reconcile();
  await sleep(2000); // the acknowledgement's highlight fades
  await page.screenshot({ path: out, fullPage: true });
  console.info(`wrote ${out}`);
} finally {
  await browser.close();
  await demo.close();
  built.remove();
  dir.remove();
}
