import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRoute } from '../../src/app/alert-config.js';
import { loadConfig } from '../../src/app/config.js';
import { problemsOf } from '../support/config-problems.js';
import { makeTempDir } from '../support/temp-dir.js';

const folders: { remove(): void }[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) f.remove();
});

function secretFile(name: string, text: string): string {
  const folder = makeTempDir('sentinel-alert-config-');
  folders.push(folder);
  const path = join(folder.path, name);
  writeFileSync(path, text);
  return path;
}

const PD_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const SLACK = 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX';
const SECRET = 'whsec-0123456789abcdef';

describe('alert routes', () => {
  it("a channel alone takes the channel's default minimum and no filter", () => {
    expect(parseRoute('pagerduty')).toEqual({
      id: 'pagerduty',
      channel: 'pagerduty',
      minSeverity: 'CRITICAL',
      accounts: [],
      types: [],
    });
    expect(parseRoute('slack').minSeverity).toBe('WARNING');
    expect(parseRoute('webhook').minSeverity).toBe('INFO');
  });

  it('reads min, accounts, types and a name', () => {
    expect(
      parseRoute(
        'pagerduty:min=warning,account=DU111111|DU222222,type=naked_position|BROKER_UNAVAILABLE,name=ops',
      ),
    ).toEqual({
      id: 'ops',
      channel: 'pagerduty',
      minSeverity: 'WARNING',
      accounts: ['DU111111', 'DU222222'],
      types: ['NAKED_POSITION', 'BROKER_UNAVAILABLE'],
    });
  });

  it('names a second route of a channel CHANNEL-2, and refuses two routes of one name', () => {
    const first = parseRoute('slack');
    expect(parseRoute('slack:min=info', [first]).id).toBe('slack-2');
    expect(() => parseRoute('webhook:name=slack', [first])).toThrow('a route is already named slack');
  });

  it('says what is wrong with a route', () => {
    const cases: [string, string][] = [
      ['pager', 'the channel must be one of pagerduty, slack, webhook'],
      ['slack:min=urgent', 'min must be info, warning or critical'],
      ['slack:account=DU 1', 'account "DU 1" is not an IB account code such as DU1234567'],
      [
        'slack:type=DRIFT',
        'type "DRIFT" is not one of MISSING_FROM_STORE, NAKED_POSITION, POSITION_MISMATCH, STALE_DATA, BROKER_UNAVAILABLE, STORE_WRITES_FAILING, NO_VERIFIED_RUN',
      ],
      ['slack:min', 'min needs a value, written KEY=VALUE'],
      ['slack:type=NAKED_POSITION|', 'type needs a value, written KEY=VALUE'],
      ['slack:min=info,min=warning', 'min is given twice'],
      ['slack:colour=red', 'unknown option "colour" (min, account, type, name)'],
      ['slack:name=Ops Team', 'name takes lowercase letters, digits and dashes (at most 40)'],
    ];
    for (const [spec, message] of cases) expect(() => parseRoute(spec), spec).toThrow(message);
  });
});

describe('alert configuration', () => {
  it('has no route by default, and the documented durations', () => {
    const { alerts } = loadConfig([], {}).config;
    expect(alerts).toEqual({
      routes: [],
      targets: {},
      heartbeatUrl: undefined,
      dashboardUrl: undefined,
      graceMs: 300_000,
      maxAgeMs: 86_400_000,
      timeoutMs: 10_000,
    });
  });

  it('reads routes from repeated flags, or from the variable separated by semicolons', () => {
    const env = {
      SENTINEL_ALERT_ROUTES: 'webhook ; slack:min=info',
      SENTINEL_ALERT_WEBHOOK_URL: 'http://127.0.0.1:9999/hook',
      SENTINEL_ALERT_WEBHOOK_SECRET: SECRET,
      SENTINEL_ALERT_SLACK_WEBHOOK_URL: SLACK,
    };
    expect(loadConfig([], env).config.alerts.routes.map((r) => r.id)).toEqual(['webhook', 'slack']);
    const flagged = loadConfig(
      ['--alert-route', 'webhook:name=a', '--alert-route', 'webhook:name=b'],
      env,
    ).config;
    expect(flagged.alerts.routes.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('takes secrets from a file or from the variable holding them, and the targets with them', () => {
    const key = secretFile('pd-key', `${PD_KEY}\n`);
    const slack = secretFile('slack-url', `${SLACK}\n`);
    const { alerts } = loadConfig(
      [
        '--alert-route=pagerduty',
        '--alert-route=slack',
        '--alert-route=webhook',
        `--alert-pagerduty-routing-key-file=${key}`,
        `--alert-slack-webhook-url-file=${slack}`,
        '--alert-webhook-url=https://alerts.example.com/sentinel',
        '--alert-heartbeat-url=https://hc-ping.com/5f1c2a7e',
        '--alert-dashboard-url=https://sentinel.example.com/',
      ],
      { SENTINEL_ALERT_WEBHOOK_SECRET: SECRET },
    ).config;
    expect(alerts.targets).toEqual({
      pagerduty: { channel: 'pagerduty', url: 'https://events.pagerduty.com/v2/enqueue', routingKey: PD_KEY },
      slack: { channel: 'slack', url: SLACK },
      webhook: { channel: 'webhook', url: 'https://alerts.example.com/sentinel', secret: SECRET },
    });
    expect(alerts.heartbeatUrl).toBe('https://hc-ping.com/5f1c2a7e');
    expect(alerts.dashboardUrl).toBe('https://sentinel.example.com/');
    const fromEnvFile = loadConfig([], { SENTINEL_ALERT_PAGERDUTY_ROUTING_KEY_FILE: key }).config;
    expect(fromEnvFile.alerts.targets.pagerduty?.routingKey).toBe(PD_KEY);
  });

  it("a route without its channel's target is one line saying what to give", () => {
    expect(problemsOf(['--alert-route=pagerduty', '--alert-route=slack', '--alert-route=webhook'])).toEqual([
      'a pagerduty route needs a routing key: --alert-pagerduty-routing-key-file FILE, or SENTINEL_ALERT_PAGERDUTY_ROUTING_KEY',
      'a slack route needs the incoming-webhook URL: --alert-slack-webhook-url-file FILE, or SENTINEL_ALERT_SLACK_WEBHOOK_URL',
      'a webhook route needs --alert-webhook-url (or SENTINEL_ALERT_WEBHOOK_URL)',
      'a webhook needs a secret to sign with: --alert-webhook-secret-file FILE, or SENTINEL_ALERT_WEBHOOK_SECRET',
    ]);
  });

  it('refuses plain http off this machine, short secrets and unreadable files, never echoing a secret', () => {
    const problems = problemsOf(
      [
        '--alert-heartbeat-url=http://hc.example.com/ping/token-abc',
        '--alert-pagerduty-routing-key-file=/no/such/key',
      ],
      {
        SENTINEL_ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/hook',
        SENTINEL_ALERT_WEBHOOK_SECRET: 'short-secret',
        SENTINEL_ALERT_SLACK_WEBHOOK_URL: 'http://hooks.slack.com/services/T/B/tok3n',
      },
    );
    expect(problems).toEqual([
      '--alert-pagerduty-routing-key-file: cannot read /no/such/key (no such file)',
      'SENTINEL_ALERT_SLACK_WEBHOOK_URL must use https (plain http only to this machine: alerts carry positions and credentials)',
      'SENTINEL_ALERT_WEBHOOK_SECRET is too short; use at least 16 characters',
      '--alert-heartbeat-url must use https (plain http only to this machine: alerts carry positions and credentials)',
    ]);
    const text = problems.join('\n');
    for (const secret of ['token-abc', 'short-secret', 'tok3n']) expect(text).not.toContain(secret);
  });

  it('an empty secret file is refused', () => {
    const empty = secretFile('empty', '\n');
    expect(
      problemsOf([`--alert-webhook-secret-file=${empty}`, '--alert-webhook-url=https://x.example.com/']),
    ).toEqual([`--alert-webhook-secret-file: ${empty} is empty`]);
  });
});
