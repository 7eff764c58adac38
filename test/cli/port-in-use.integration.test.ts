import { existsSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliProcess } from '../api/support/cli-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const started: CliProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.dispose()));
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A port some other program holds. */
async function busyPort(): Promise<number> {
  const holder: Server = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
  const address = holder.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function folder(): string {
  const dir = makeTempDir('sentinel-port-');
  cleanups.push(() => dir.remove());
  return dir.path;
}

async function run(args: readonly string[], env: Record<string, string> = {}) {
  const cli = new CliProcess(args, env);
  started.push(cli);
  const exit = await cli.exited;
  return { exit, stdout: cli.stdout, stderr: cli.stderr, pid: cli.pid };
}

const inUse = (name: string, port: number, flag: string) =>
  `${name} cannot listen on 127.0.0.1:${port}: the port is already in use; stop what holds it, or choose another with ${flag} (0 picks a free one)`;

describe('a port that is already taken, as a real process', () => {
  it('`serve` names itself, the API and --port, in one line, with no log line before it', async () => {
    const port = await busyPort();
    const db = join(folder(), 'positions.duckdb');
    const { exit, stdout, stderr } = await run(['serve', `--port=${port}`, `--db=${db}`, '--ib-port=1']);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(stderr).toEqual([`position-sentinel serve: ${inUse('the API', port, '--port')}`]);
    expect(stdout.filter((l) => /WebSocket|EADDRINUSE|error/i.test(l))).toEqual([]);
  });

  it('`demo --simulator-port <busy>` names the simulated TWS and --simulator-port, not the API', async () => {
    const port = await busyPort();
    const { exit, stderr } = await run(['demo', '--port=0', `--simulator-port=${port}`]);
    expect(exit).toEqual({ code: 1, signal: null });
    expect(stderr).toEqual([
      `position-sentinel demo: ${inUse('the simulated TWS', port, '--simulator-port')}`,
    ]);
  });

  it('`demo --port <busy>` names the API and --port, and leaves no temporary store behind', async () => {
    const port = await busyPort();
    const tmp = folder();
    const { exit, stdout, stderr, pid } = await run(['demo', `--port=${port}`], { TMPDIR: tmp });
    expect(exit).toEqual({ code: 1, signal: null });
    expect(stderr).toEqual([`position-sentinel demo: ${inUse('the API', port, '--port')}`]);
    expect(stdout.filter((l) => /WebSocket|EADDRINUSE/.test(l))).toEqual([]);
    expect(existsSync(join(tmp, `position-sentinel-demo-${pid}.duckdb`))).toBe(false);
    expect(readdirSync(tmp).filter((name) => name.startsWith('position-sentinel-demo-'))).toEqual([]);
  });
});
