import { describe, expect, it } from 'vitest';
import { isLoopback, loadConfig } from '../../src/app/config.js';
import { problemsOf } from '../support/config-problems.js';

describe('configuration', () => {
  it('has the documented defaults (README, Configuration)', () => {
    const { config } = loadConfig([], {});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      db: './data/positions.duckdb',
      ib: { host: '127.0.0.1', port: 7497, clientId: 17 },
      flushIntervalMs: 3000,
      reconcileIntervalMs: 300_000,
      staleAfterMs: 900_000,
      quietWindowMs: 5000,
      snapshotTimeoutMs: 30_000,
      tolerance: { absolute: 1e-9, relative: 0 },
      heal: false,
      apiKeys: [],
      logLevel: 'info',
    });
    expect(config.ib.account).toBeUndefined();
    expect(config.securityTypes.toString()).toBe('OPT');
  });

  it('reads the environment, and flags win over it', () => {
    const env = {
      SENTINEL_PORT: '4100',
      IB_PORT: '4002',
      IB_ACCOUNT: 'DU999',
      SENTINEL_HEAL: 'yes',
      SENTINEL_SEC_TYPES: 'ALL',
    };
    const fromEnv = loadConfig([], env).config;
    expect(fromEnv).toMatchObject({ port: 4100, ib: { port: 4002, account: 'DU999' }, heal: true });
    expect(fromEnv.securityTypes.all).toBe(true);
    const flagged = loadConfig(['--port', '4200', '--ib-port=4001', '--sec-types', 'OPT,FOP'], env).config;
    expect(flagged).toMatchObject({ port: 4200, ib: { port: 4001 } });
    expect(flagged.securityTypes.toString()).toBe('OPT,FOP');
  });

  it('parses API keys from repeated flags or the variable', () => {
    const keys = loadConfig(
      ['--api-key', 'reader-key-123456:read', '--api-key', 'admin-key-123456:admin'],
      {},
    ).config.apiKeys;
    expect(keys).toEqual([
      { key: 'reader-key-123456', role: 'read' },
      { key: 'admin-key-123456', role: 'admin' },
    ]);
    expect(
      loadConfig([], { SENTINEL_API_KEYS: 'reader-key-123456:read, admin-key-123456:admin' }).config.apiKeys,
    ).toHaveLength(2);
  });

  it.each([
    [['--port', '70000'], '--port must be a whole number from 0 to 65535, got "70000"'],
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, got "abc"'],
    [['--ib-port', '0'], '--ib-port must be a whole number from 1 to 65535, got "0"'],
    [['--ib-client-id=-1'], '--ib-client-id must be a whole number from 0 to 2147483647, got "-1"'],
    [['--ib-account', 'DU 1'], '--ib-account must be an IB account code such as DU1234567, got "DU 1"'],
    [
      ['--sec-types', 'OPT,FOO'],
      '--sec-types: FOO is not an IB security type; use ALL, or a list of STK, OPT, FUT, FOP, CASH, BOND, CFD, WAR, IOPT, FWD, BAG, IND, BILL, FUND, FIXED, SLB, NEWS, CMDTY, BSK, ICU, ICS, CRYPTO (e.g. OPT,FOP)',
    ],
    [
      ['--flush-interval-ms', '1.5'],
      '--flush-interval-ms must be a whole number from 10 to 3600000, got "1.5"',
    ],
    [
      ['--reconcile-interval-ms', '10'],
      '--reconcile-interval-ms must be a whole number from 1000 to 86400000, got "10"',
    ],
    [
      ['--stale-after-ms', 'soon'],
      '--stale-after-ms must be a whole number from 1000 to 604800000, got "soon"',
    ],
    [['--quiet-window-ms=-5'], '--quiet-window-ms must be a whole number from 0 to 3600000, got "-5"'],
    [
      ['--snapshot-timeout-ms', '5'],
      '--snapshot-timeout-ms must be a whole number from 100 to 600000, got "5"',
    ],
    [['--tolerance-absolute=-1'], '--tolerance-absolute must be a number of zero or more, got "-1"'],
    [['--tolerance-relative', 'x'], '--tolerance-relative must be a number of zero or more, got "x"'],
    [['--log-level', 'loud'], '--log-level must be one of debug, info, warn, error, got "loud"'],
    [['--api-key', 'secret-key-123456'], '--api-key: "sec…" needs a role, written KEY:read or KEY:admin'],
    [['--api-key', 'short:admin'], '--api-key: the key "sho…" is too short; use at least 12 characters'],
    [['--db', ' '], '--db must not be empty'],
    [['--no-such-flag'], "Unknown option '--no-such-flag'"],
  ])('%j is refused with one clear message', (args, message) => {
    const problems = problemsOf(args);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });

  it('names the environment variable when the bad value came from it', () => {
    expect(problemsOf([], { SENTINEL_PORT: 'eighty' })).toEqual([
      'SENTINEL_PORT must be a whole number from 0 to 65535, got "eighty"',
    ]);
    expect(problemsOf([], { SENTINEL_HEAL: 'maybe' })).toEqual([
      'SENTINEL_HEAL must be true or false, got "maybe"',
    ]);
  });

  it('reports every bad value at once', () => {
    expect(problemsOf(['--port', 'x', '--ib-port', 'y', '--log-level', 'z'])).toHaveLength(3);
  });

  it('refuses to listen on a non-loopback address without API keys', () => {
    const [problem] = problemsOf(['--host', '0.0.0.0']);
    expect(problem).toMatch(/^refusing to listen on 0\.0\.0\.0 without API keys/);
    expect(loadConfig(['--host', '0.0.0.0', '--api-key', 'admin-key-123456:admin'], {}).config.host).toBe(
      '0.0.0.0',
    );
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', 'localhost'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.5', '::', 'example.com'].some(isLoopback)).toBe(false);
  });
});
