import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from '../support/capture-io.js';

describe('`position-sentinel demo --help`', () => {
  it("shows the demo's own defaults, and the simulator's port instead of the broker's address", async () => {
    const io = captureIo();
    expect(await runCli(['demo', '--help'], io)).toBe(0);
    const help = io.out.join('');
    const row = (flag: string) => help.split('\n').find((line) => line.trimStart().startsWith(`--${flag} `));
    expect(row('reconcile-interval-ms')).toContain('(default 30000 in the demo)');
    expect(row('db')).toContain('(default a temporary file, removed on exit)');
    expect(help).toContain('give --db PATH to keep it');
    expect(row('simulator-port')).toContain('port of the simulated TWS');
    expect(row('ib-port')).toBeUndefined();
    expect(row('ib-host')).toBeUndefined();
    expect(row('reconcile-interval-ms')).not.toContain('300000');
    expect(help).not.toContain('./data/positions.duckdb');
  });

  it('`serve --help` keeps the service defaults', async () => {
    const io = captureIo();
    expect(await runCli(['serve', '--help'], io)).toBe(0);
    const help = io.out.join('');
    expect(help).toContain('(default 300000)');
    expect(help).toContain('(default ./data/positions.duckdb)');
    expect(help).toMatch(/--ib-port <value> +API port of TWS or IB Gateway/);
  });

  it('refuses --ib-host and --ib-port, which it could only ignore, with exit 2', async () => {
    for (const args of [['--ib-port', '4002'], ['--ib-host=gateway.local']]) {
      const io = captureIo();
      expect(await runCli(['demo', ...args], io)).toBe(2);
      const flag = (args[0] ?? '').split('=')[0];
      expect(io.err.join('')).toBe(
        `position-sentinel demo: ${flag} does not apply to the demo: it connects to its own simulated TWS ` +
          '(choose that port with --simulator-port); to use TWS or IB Gateway, run serve\n',
      );
    }
  });
});
