import { afterEach, describe, expect, it } from 'vitest';
import { graphql } from '../gql/index.js';
import { CliProcess } from './support/cli-process.js';
import { query } from './support/graphql-http.js';

const SendTest = graphql(`
  mutation AlertDemoTest { testAlert(route: "webhook") { state } }
`);

const SECRET = 'demo-webhook-secret-0123456789';
const processes: CliProcess[] = [];
afterEach(async () => {
  for (const p of processes.splice(0)) await p.dispose();
});

describe('alerts in the demo, without an account', () => {
  it("the README's way: alert-echo, then the demo routed to it; an alert shows in the echo's output with its signature checked", {
    timeout: 120_000,
  }, async () => {
    const env = { SENTINEL_ALERT_WEBHOOK_SECRET: SECRET };
    const echo = new CliProcess(['alert-echo', '--port', '0'], env);
    processes.push(echo);
    await expect.poll(() => echo.stdout.join('\n'), { timeout: 60_000 }).toContain('Stop with Ctrl-C.');
    const route = /--alert-route webhook --alert-webhook-url (\S+)/.exec(echo.stdout.join('\n'));
    expect(route).not.toBeNull();

    const demo = new CliProcess(
      ['demo', '--port=0', '--seed=7', '--alert-route', 'webhook', '--alert-webhook-url', route![1]!],
      env,
    );
    processes.push(demo);
    const url = String((await demo.untilLog('API listening', 60_000)).graphql);
    await query(url, SendTest);
    await expect
      .poll(() => echo.stdout.filter((l) => /TEST alert from position-sentinel/.test(l)), { timeout: 30_000 })
      .toHaveLength(1);
    const line = echo.stdout.find((l) => /TEST alert/.test(l)) ?? '';
    expect(line).toMatch(/signature valid$/);
  });
});
