import { describe, expect, it } from 'vitest';
import { type Command, UsageError } from '../../src/cli/cli-io.js';
import { runCli } from '../../src/cli/run-cli.js';
import { captureIo } from '../support/capture-io.js';

const echo: Command = {
  name: 'echo',
  summary: 'Print its arguments',
  async run(args, io) {
    if (args.includes('--bad')) throw new UsageError('--bad is not an option of echo');
    io.stdout(args.join(' '));
    return 0;
  },
};

describe('command line', () => {
  it('--help prints the usage with every command and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io, [echo])).toBe(0);
    expect(io.out.join('')).toMatch(/^Usage: position-sentinel <command>/);
    expect(io.out.join('')).toContain('echo');
  });

  it('an unknown command prints the usage and exits 2', async () => {
    const io = captureIo();
    expect(await runCli(['frobnicate'], io, [echo])).toBe(2);
    expect(io.err.join('')).toContain('unknown command "frobnicate"');
    expect(io.err.join('')).toContain('Usage: position-sentinel');
  });

  it('a usage error inside a command exits 2 with its message', async () => {
    const io = captureIo();
    expect(await runCli(['echo', '--bad'], io, [echo])).toBe(2);
    expect(io.err.join('')).toBe('position-sentinel echo: --bad is not an option of echo\n');
  });

  it('runs a known command with its arguments', async () => {
    const io = captureIo();
    expect(await runCli(['echo', 'a', 'b'], io, [echo])).toBe(0);
    expect(io.out).toEqual(['a b']);
  });
});
