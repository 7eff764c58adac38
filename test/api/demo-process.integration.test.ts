import { existsSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { CliProcess } from './support/cli-process.js';
import { query } from './support/graphql-http.js';

const Overview = graphql(`
  query ApiDemoOverview {
    status { mode broker { state accounts } }
    positions { account quantity }
  }
`);

let demo: CliProcess | undefined;
let store = '';

afterEach(async () => {
  await demo?.dispose();
  demo = undefined;
  // A demo that had to be killed could not remove its temporary store itself.
  if (store !== '') for (const file of [store, `${store}.wal`]) rmSync(file, { force: true });
  store = '';
});

describe('`position-sentinel demo` as a process', () => {
  it('says DEMO, serves a live simulated book, and on Ctrl-C stops cleanly and removes its temporary store', async () => {
    demo = new CliProcess(['demo', '--port=0', '--seed=7']);
    const url = String((await demo.untilLog('API listening')).graphql);
    await expect
      .poll(() => demo?.stdout.some((l) => l.includes('DEMO: a simulated TWS')), { timeout: 15_000 })
      .toBe(true);
    const storeLine = demo.stdout.find((l) => l.trim().startsWith('Store '));
    store = storeLine?.trim().replace(/^Store\s+/, '') ?? '';
    expect(store).toMatch(/position-sentinel-demo-\d+\.duckdb$/);
    expect(demo.stdout).toContain(
      '              temporary: removed when the demo stops (name a file with --db to keep it)',
    );

    await expect
      .poll(async () => (await query(url, Overview)).status.broker.state, { timeout: 30_000, interval: 50 })
      .toBe('READY');
    const overview = await query(url, Overview);
    expect(overview.status).toMatchObject({ mode: 'DEMO', broker: { accounts: ['DU111111', 'DU222222'] } });
    await expect
      .poll(async () => (await query(url, Overview)).positions.length, { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(existsSync(store)).toBe(true);

    demo.kill('SIGINT');
    expect(await demo.exited).toEqual({ code: 0, signal: null });
    expect(demo.stderr.join('\n')).toBe('');
    await demo.untilLog('stopped');
    expect(existsSync(store)).toBe(false);
  });
});
