import { type ChildProcess, spawn } from 'node:child_process';
import { until } from '../../support/until.js';

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** How to start the process when not `node --import tsx src/cli/main.ts` in this checkout. */
export interface Launch {
  readonly command: string;
  /** Put before the command's own arguments. */
  readonly prefix: readonly string[];
  readonly cwd?: string;
  /** Its own process group (as a terminal would start it), so that `killGroup` reaches every process. */
  readonly group?: boolean;
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

  constructor(
    args: readonly string[],
    env: Record<string, string> = {},
    launch: Launch = { command: process.execPath, prefix: ['--import', 'tsx', 'src/cli/main.ts'] },
  ) {
    this.#child = spawn(launch.command, [...launch.prefix, ...args], {
      cwd: launch.cwd ?? process.cwd(),
      // Nothing from the test's own environment decides the outcome (SENTINEL_*, IB_*).
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: launch.group ?? false,
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
    await until(() => find() !== undefined || this.exit !== undefined, `the log line "${msg}"`, timeout);
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

  /** A signal to every process of its group, as Ctrl-C in a terminal sends it (needs `group`). */
  killGroup(signal: NodeJS.Signals): void {
    if (this.#child.pid !== undefined) process.kill(-this.#child.pid, signal);
  }

  output(): string {
    return `stdout:\n${this.stdout.join('\n')}\nstderr:\n${this.stderr.join('\n')}`;
  }

  async dispose(): Promise<void> {
    if (this.exit) return;
    try {
      if (this.#child.pid !== undefined) process.kill(-this.#child.pid, 'SIGKILL');
    } catch {
      // not a group leader: the process alone
      this.#child.kill('SIGKILL');
    }
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
