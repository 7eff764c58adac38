import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../support/temp-dir.js';
import { CliProcess } from './support/cli-process.js';

const started: CliProcess[] = [];
const folders: { remove(): void }[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.dispose()));
  for (const folder of folders.splice(0)) folder.remove();
});

async function run(args: readonly string[], env: Record<string, string> = {}) {
  const process = new CliProcess(args, env);
  started.push(process);
  const exit = await process.exited;
  return { exit, stdout: process.stdout.join('\n'), stderr: process.stderr };
}

/** Each value is wrong in its own way; each must get its own line naming where it came from. */
const BAD_FLAGS: readonly (readonly [string, string])[] = [
  ['--host=', '--host must not be empty'],
  ['--port=abc', '--port must be a whole number from 0 to 65535, got "abc"'],
  ['--ib-host=', '--ib-host must not be empty'],
  ['--ib-port=0', '--ib-port must be a whole number from 1 to 65535, got "0"'],
  ['--ib-client-id=-1', '--ib-client-id must be a whole number from 0 to 2147483647, got "-1"'],
  ['--ib-account=DU 1', '--ib-account must be an IB account code such as DU1234567, got "DU 1"'],
  [
    '--sec-types=OPT,FOO',
    '--sec-types: FOO is not an IB security type; use ALL, or a list of STK, OPT, FUT, FOP, CASH, BOND, CFD, WAR, IOPT, FWD, BAG, IND, BILL, FUND, FIXED, SLB, NEWS, CMDTY, BSK, ICU, ICS, CRYPTO (e.g. OPT,FOP)',
  ],
  ['--flush-interval-ms=1.5', '--flush-interval-ms must be a whole number from 10 to 3600000, got "1.5"'],
  [
    '--reconcile-interval-ms=10',
    '--reconcile-interval-ms must be a whole number from 1000 to 86400000, got "10"',
  ],
  ['--stale-after-ms=soon', '--stale-after-ms must be a whole number from 1000 to 604800000, got "soon"'],
  ['--quiet-window-ms=-5', '--quiet-window-ms must be a whole number from 0 to 3600000, got "-5"'],
  ['--snapshot-timeout-ms=5', '--snapshot-timeout-ms must be a whole number from 100 to 600000, got "5"'],
  ['--tolerance-absolute=-1', '--tolerance-absolute must be a number of zero or more, got "-1"'],
  ['--tolerance-relative=x', '--tolerance-relative must be a number of zero or more, got "x"'],
  ['--api-key=secret-key-123456', '--api-key: "sec…" needs a role, written KEY:read or KEY:admin'],
  ['--log-level=loud', '--log-level must be one of debug, info, warn, error, got "loud"'],
  ['--alert-route=pager', '--alert-route "pager": the channel must be one of pagerduty, slack, webhook'],
  [
    '--alert-pagerduty-routing-key-file=/no/such/key',
    '--alert-pagerduty-routing-key-file: cannot read /no/such/key (no such file)',
  ],
  [
    '--alert-heartbeat-url=http://hc.example.com/ping',
    '--alert-heartbeat-url must use https (plain http only to this machine: alerts carry positions and credentials)',
  ],
  ['--alert-grace-ms=-1', '--alert-grace-ms must be a whole number from 0 to 86400000, got "-1"'],
  ['--alert-max-age-ms=5', '--alert-max-age-ms must be a whole number from 60000 to 2592000000, got "5"'],
  ['--alert-timeout-ms=0', '--alert-timeout-ms must be a whole number from 100 to 600000, got "0"'],
];

const BAD_ENV: Readonly<Record<string, readonly [string, string]>> = {
  SENTINEL_PORT: ['eighty', 'SENTINEL_PORT must be a whole number from 0 to 65535, got "eighty"'],
  SENTINEL_DB: [' ', 'SENTINEL_DB must not be empty'],
  IB_PORT: ['0', 'IB_PORT must be a whole number from 1 to 65535, got "0"'],
  IB_CLIENT_ID: ['x', 'IB_CLIENT_ID must be a whole number from 0 to 2147483647, got "x"'],
  IB_ACCOUNT: ['DU 1', 'IB_ACCOUNT must be an IB account code such as DU1234567, got "DU 1"'],
  SENTINEL_SEC_TYPES: [
    'OPT,FOO',
    'SENTINEL_SEC_TYPES: FOO is not an IB security type; use ALL, or a list of STK, OPT, FUT, FOP, CASH, BOND, CFD, WAR, IOPT, FWD, BAG, IND, BILL, FUND, FIXED, SLB, NEWS, CMDTY, BSK, ICU, ICS, CRYPTO (e.g. OPT,FOP)',
  ],
  SENTINEL_FLUSH_INTERVAL_MS: [
    '1.5',
    'SENTINEL_FLUSH_INTERVAL_MS must be a whole number from 10 to 3600000, got "1.5"',
  ],
  SENTINEL_HEAL: ['maybe', 'SENTINEL_HEAL must be true or false, got "maybe"'],
  SENTINEL_API_KEYS: [
    'short:admin',
    'SENTINEL_API_KEYS: the key "sho…" is too short; use at least 12 characters',
  ],
  SENTINEL_LOG_LEVEL: ['loud', 'SENTINEL_LOG_LEVEL must be one of debug, info, warn, error, got "loud"'],
  SENTINEL_ALERT_ROUTES: [
    'slack:min=urgent',
    'SENTINEL_ALERT_ROUTES "slack:min=urgent": min must be info, warning or critical',
  ],
  SENTINEL_ALERT_WEBHOOK_URL: [
    'not a url',
    'SENTINEL_ALERT_WEBHOOK_URL must be an absolute URL such as https://example.com/alerts',
  ],
  SENTINEL_ALERT_WEBHOOK_SECRET: [
    'too-short',
    'SENTINEL_ALERT_WEBHOOK_SECRET is too short; use at least 16 characters',
  ],
};

describe('invalid configuration, as a real process', () => {
  it('every bad flag gets exactly one clear line, nothing starts, and the exit code is 2', async () => {
    const folder = makeTempDir('sentinel-config-');
    folders.push(folder);
    const db = join(folder.path, 'positions.duckdb');
    const { exit, stdout, stderr } = await run(['serve', `--db=${db}`, ...BAD_FLAGS.map(([flag]) => flag)]);
    expect(exit).toEqual({ code: 2, signal: null });
    expect(stdout).toBe('');
    expect(stderr[0]).toBe(
      `position-sentinel serve: ${BAD_FLAGS.length} configuration values are not valid:`,
    );
    const lines = stderr.slice(1, -1).map((l) => l.trim());
    expect(lines.sort()).toEqual(BAD_FLAGS.map(([, message]) => message).sort());
    expect(stderr.at(-1)).toBe('Run with --help to see every option.');
    expect(existsSync(db)).toBe(false);
  });

  it('a bad environment variable is named as such', async () => {
    const env = Object.fromEntries(Object.entries(BAD_ENV).map(([name, [value]]) => [name, value]));
    const expected = Object.values(BAD_ENV).map(([, message]) => message);
    const { exit, stderr } = await run([], env);
    expect(exit.code).toBe(2);
    expect(
      stderr
        .slice(1, -1)
        .map((l) => l.trim())
        .sort(),
    ).toEqual(expected.sort());
  });

  it('one bad value is one line, and the demo command checks the same way', async () => {
    const { exit, stderr } = await run(['demo', '--flush-interval-ms=5']);
    expect(exit.code).toBe(2);
    expect(stderr).toEqual([
      'position-sentinel demo: --flush-interval-ms must be a whole number from 10 to 3600000, got "5"',
      'Run with --help to see every option.',
    ]);
  });

  it('listening on a non-loopback address without API keys is refused at start', async () => {
    const { exit, stdout, stderr } = await run(['serve', '--host=0.0.0.0']);
    expect(exit.code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr[0]).toMatch(
      /^position-sentinel serve: refusing to listen on 0\.0\.0\.0 without API keys: anyone who can reach it could read your positions; add --api-key KEY:admin/,
    );
  });

  it("a negative number gets the option's own message, whether written `--flag -5`, `--flag=-5` or in the environment", async () => {
    const message = 'must be a whole number from 1000 to 86400000, got "-5"';
    const [separate, attached, fromEnv, demo] = await Promise.all([
      run(['serve', '--reconcile-interval-ms', '-5']),
      run(['serve', '--reconcile-interval-ms=-5']),
      run(['serve'], { SENTINEL_RECONCILE_INTERVAL_MS: '-5' }),
      run(['demo', '--simulator-port', '-1']),
    ]);
    for (const written of [separate, attached]) {
      expect(written.exit.code).toBe(2);
      expect(written.stderr).toEqual([
        `position-sentinel serve: --reconcile-interval-ms ${message}`,
        'Run with --help to see every option.',
      ]);
    }
    expect(fromEnv.exit.code).toBe(2);
    expect(fromEnv.stderr[0]).toBe(`position-sentinel serve: SENTINEL_RECONCILE_INTERVAL_MS ${message}`);
    expect(demo.exit.code).toBe(2);
    expect(demo.stderr).toEqual([
      'position-sentinel demo: --simulator-port must be a whole number from 0 to 65535, got "-1"',
    ]);
  }, 60_000);

  it('a misspelt flag is a usage error too', async () => {
    const unknown = await run(['serve', '--prot=4000']);
    expect(unknown.exit.code).toBe(2);
    expect(unknown.stderr).toEqual([
      "position-sentinel serve: Unknown option '--prot'",
      'Run with --help to see every option.',
    ]);
  });
});
