import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { alertRequest } from '../../src/infra/alerts/alert-request.js';
import { routeSender } from '../../src/infra/alerts/route-sender.js';
import { systemClock } from '../../src/infra/system-clock.js';
import { alertFor, CONTEXT } from '../infra/alerts/support/delivery-harness.js';
import { captureIo } from '../support/capture-io.js';
import { nakedDiscrepancy } from '../support/discrepancies.js';
import { until } from '../support/until.js';

const SECRET = 'whsec-echo-test-0123456';

describe('alert-echo', () => {
  it('prints one line per alert, whichever channel sent it, checking webhook signatures with the secret', async () => {
    let stop: (signal: string) => void = () => {};
    const io = captureIo({
      env: { SENTINEL_ALERT_WEBHOOK_SECRET: SECRET },
      stop: new Promise((resolve) => {
        stop = resolve;
      }),
    });
    const exit = runCli(['alert-echo', '--port', '0'], io);
    await until(() => io.stdoutText().includes('Stop with Ctrl-C.'), 'the receiver to listen');
    const url = /--alert-webhook-url (http:\/\/127\.0\.0\.1:\d+)\/webhook/.exec(io.stdoutText())?.[1];
    expect(url).toBeDefined();
    expect(io.stdoutText()).toContain('checking signatures');

    const alert = alertFor('OPENED', nakedDiscrepancy());
    const options = { clock: systemClock, timeoutMs: 5000 };
    const sends = [
      routeSender({ channel: 'webhook', url: `${url}/webhook`, secret: SECRET }, CONTEXT, options),
      routeSender(
        { channel: 'webhook', url: `${url}/webhook`, secret: 'someone-else-0000000' },
        CONTEXT,
        options,
      ),
      routeSender(
        { channel: 'pagerduty', url: `${url}/pagerduty`, routingKey: 'rk-0000000000' },
        CONTEXT,
        options,
      ),
      routeSender({ channel: 'slack', url: `${url}/slack` }, CONTEXT, options),
    ];
    for (const send of sends) expect((await send(alert, new AbortController().signal)).ok).toBe(true);
    // A recorded request played again much later: its timestamp is stale.
    const old = alertRequest(
      { channel: 'webhook', url: `${url}/webhook`, secret: SECRET },
      alert,
      CONTEXT,
      new Date(Date.now() - 3_600_000),
    );
    expect((await fetch(old.url, { method: 'POST', headers: old.headers, body: old.body })).status).toBe(200);

    stop('SIGINT');
    expect(await exit).toBe(0);
    const lines = io
      .stdoutText()
      .split('\n')
      .filter((l) => /^\d\d:\d\d:\d\d /.test(l));
    const summary =
      '"CRITICAL NAKED_POSITION opened: DU111111 AAPL 2027-01-15 230 P (broker none, store -2)"';
    expect(lines.map((l) => l.slice(9))).toEqual([
      `webhook discrepancy.opened ${summary} dedup d-naked-1 key ${alert.eventId} signature valid`,
      `webhook discrepancy.opened ${summary} dedup d-naked-1 key ${alert.eventId} signature invalid`,
      `pagerduty trigger ${summary} dedup d-naked-1`,
      expect.stringMatching(/^slack message ":red_circle: CRITICAL NAKED_POSITION opened: /),
      `webhook discrepancy.opened ${summary} dedup d-naked-1 key ${alert.eventId} signature stale`,
    ]);
  });

  it('a bad option is a usage error', async () => {
    const io = captureIo();
    expect(await runCli(['alert-echo', '--port', 'x'], io)).toBe(2);
    expect(io.stderrText()).toBe(
      'position-sentinel alert-echo: --port must be an integer from 0 to 65535, got "x"\n',
    );
  });
});
