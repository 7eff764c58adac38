import { type ChildProcess, spawn } from 'node:child_process';
import { expect } from 'vitest';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * `position-sentinel <args>` as a real process (the same entry point as the installed command),
 * with what it printed, line by line. `dispose()` kills it if it still runs.
 */
export class CliProcess {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<Exit>;
  exit: Exit | undefined;
  readonly #child: ChildProcess;

  constructor(args: readonly string[], env: Record<string, string> = {}) {
    this.#child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: process.cwd(),
      // Nothing from the test's own environment decides the outcome (SENTINEL_*, IB_*).
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    collectLines(this.#child.stdout, this.stdout);
    collectLines(this.#child.stderr, this.stderr);
    this.exited = new Promise((resolve) => {
      this.#child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  /** The first JSON log line (stdout) whose message is `msg`. */
  async untilLog(msg: string, timeout = 30_000): Promise<Record<string, unknown>> {
    const find = () =>
      this.stdout
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .find((l) => l.msg === msg);
    await expect
      .poll(() => find() !== undefined || this.exit !== undefined, {
        timeout,
        interval: 20,
        message: `waiting for the log line "${msg}"`,
      })
      .toBe(true);
    const line = find();
    if (!line) throw new Error(`exited (${JSON.stringify(this.exit)}) before "${msg}": ${this.output()}`);
    return line;
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  kill(signal: NodeJS.Signals): void {
    this.#child.kill(signal);
  }

  output(): string {
    return `stdout:\n${this.stdout.join('\n')}\nstderr:\n${this.stderr.join('\n')}`;
  }

  async dispose(): Promise<void> {
    if (this.exit) return;
    this.#child.kill('SIGKILL');
    await this.exited;
  }
}

function collectLines(stream: NodeJS.ReadableStream | null, into: string[]): void {
  let partial = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    into.push(...lines);
  });
  stream?.on('end', () => {
    if (partial !== '') into.push(partial);
  });
}
