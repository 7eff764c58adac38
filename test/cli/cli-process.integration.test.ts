import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('npm run cli', () => {
  it('`npm run cli -- --help` prints the usage', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'cli', '--', '--help'], { cwd: process.cwd() });
    expect(stdout).toMatch(/^Usage: position-sentinel <command> \[options\]/);
  });

  it('an unknown command exits 2', async () => {
    const failure = await run('npm', ['run', '-s', 'cli', '--', 'no-such-command'], {
      cwd: process.cwd(),
    }).catch((e: { code: number; stderr: string }) => e);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain('unknown command "no-such-command"');
  });
});
