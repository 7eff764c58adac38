import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { EventName } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/run-cli.js';
import { startSimulator, type TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { captureIo } from '../../support/capture-io.js';
import { RecordingClient } from './support/recording-client.js';

const children: ChildProcess[] = [];
const clients: RecordingClient[] = [];
const simulators: TwsSimulator[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.disconnect()));
  await Promise.all(simulators.splice(0).map((s) => s.stop()));
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Waits until the child's output matches, failing with what it printed if it exits first. */
function outputMatching(
  child: ChildProcess,
  output: { text: string },
  pattern: RegExp,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within 20 s:\n${output.text}`)), 20_000);
    const check = () => {
      const match = output.text.match(pattern);
      if (!match) return;
      clearTimeout(timer);
      child.stdout?.off('data', check);
      resolve(match);
    };
    child.stdout?.on('data', check);
    child.once('exit', () => reject(new Error(`exited before ${pattern}:\n${output.text}`)));
    check();
  });
}

describe('position-sentinel simulate (a real process)', () => {
  it('starts, serves the demo book to a real client, and stops with exit 0 on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'simulate', '--port', '0', '--seed', '9'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    const output = { text: '' };
    child.stdout?.on('data', (d: Buffer) => {
      output.text += d.toString();
    });
    child.stderr?.on('data', (d: Buffer) => {
      output.text += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const [, port] = await outputMatching(child, output, /listening on 127\.0\.0\.1:(\d+) /);

    const client = await RecordingClient.ready(Number(port), 17);
    clients.push(client);
    client.api.reqPositions();
    await client.waitFor(EventName.positionEnd);
    const rows = client.all(EventName.position);
    expect(rows.length).toBeGreaterThanOrEqual(16);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['DU111111', 'DU222222']));
    expect(rows.every((r) => (r[1] as { secType: string }).secType === 'OPT')).toBe(true);
    expect(client.errors()).toEqual([]);
    await outputMatching(child, output, /request\s+#1 \(client 17\) REQ_POSITIONS/);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output.text).toContain('stopped (SIGINT)');
    await client.waitFor(EventName.disconnected);
    // Every line after the banner is one event: an ISO time first.
    const lines = output.text.trim().split('\n').slice(1, -1);
    for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}\S/);
    expect(output.text).toMatch(/open\s+DU\d{6}\s+\w+ \d{4}-\d\d-\d\d \d+ [CP]\s+qty -?\d+/);
  });
});

describe('simulate options', () => {
  it('runs in-process until asked to stop, logging one line per event', async () => {
    let stop: (signal: string) => void = () => {};
    const io = captureIo({ stop: new Promise<string>((resolve) => (stop = resolve)) });
    const finished = runCli(['simulate', '--port=0', '--accounts', 'DU1,DU2,DU3', '--seed', '1'], io);
    await expect
      .poll(() => io.out.join(''), { timeout: 10_000 })
      .toMatch(/accounts DU1, DU2, DU3; demo seed 1/);
    stop('SIGTERM');
    expect(await finished).toBe(0);
    expect(io.out.at(-1)).toBe('stopped (SIGTERM)\n');
    expect(io.out.filter((l) => /\s+open\s+DU[123]\s/.test(l))).toHaveLength(24);
    // Every opening trade comes with its execution.
    expect(
      io.out.filter((l) =>
        /\s+execution\s+DU[123]\s.+ (BOT|SLD) \d+ @ [\d.]+\s+0000e0d5\.[0-9a-f]{8}\.01\.01/.test(l),
      ),
    ).toHaveLength(24);
  });

  it.each([
    [['--port', 'abc'], '--port must be an integer from 0 to 65535, got "abc"'],
    [['--port', '70000'], '--port must be an integer from 0 to 65535, got "70000"'],
    [['--seed', '-1'], '--seed must be an integer from 0 to 4294967295, got "-1"'],
    [['--accounts', 'DU1,,DU2'], '--accounts takes comma-separated codes of letters and digits, got ""'],
    [['--accounts', 'DU1,DU1'], '--accounts lists an account twice'],
    [['--refresh-ms', '0'], '--refresh-ms must be an integer from 1 to 86400000, got "0"'],
    [['--master-client-id', 'x'], '--master-client-id must be an integer from 0 to 2147483647, got "x"'],
    [['--port'], '--port needs a value'],
    [['--verbose'], 'unknown option "--verbose" (see --help)'],
  ])('refuses %j with exit 2 and one clear message', async (args, message) => {
    const io = captureIo();
    expect(await runCli(['simulate', ...args], io)).toBe(2);
    expect(io.err).toEqual([`position-sentinel simulate: ${message}\n`]);
    expect(io.out).toEqual([]);
  });

  it('is reachable through `npm run cli -- simulate`', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'cli', '--', 'simulate', '--help']);
    expect(stdout).toMatch(/^Usage: position-sentinel simulate \[options\]/);
  });

  it('prints its options with --help', async () => {
    const io = captureIo();
    expect(await runCli(['simulate', '--help'], io)).toBe(0);
    expect(io.out.join('')).toContain('--port <n>');
  });

  it('says so when the port is taken, and exits 1', async () => {
    const occupant = await startSimulator({ port: 0 });
    simulators.push(occupant);
    const io = captureIo();
    expect(await runCli(['simulate', '--port', String(occupant.port)], io)).toBe(1);
    expect(io.err.join('')).toBe(
      `position-sentinel simulate: the simulator cannot listen on 127.0.0.1:${occupant.port}: the port is already in use; ` +
        'stop what holds it, or choose another with --port (0 picks a free one)\n',
    );
  });
});
