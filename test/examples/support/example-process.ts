import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The command a user runs, from the project folder: `node --import tsx examples/<file> <args>`. */
function exampleCommand(file: string, args: readonly string[]): [string, string[]] {
  return [process.execPath, ['--import', 'tsx', `examples/${file}`, ...args]];
}

/** The environment without the examples' own variables, so only the test's flags count. */
function cleanEnv(): NodeJS.ProcessEnv {
  const { SENTINEL_URL: _url, SENTINEL_API_KEY: _key, ...rest } = process.env;
  return rest;
}

export interface FinishedExample {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an example to its end and reports its exit code and output. */
export function runExample(file: string, args: readonly string[]): Promise<FinishedExample> {
  const [command, argv] = exampleCommand(file, args);
  return new Promise((resolve, reject) => {
    execFile(
      command,
      argv,
      { cwd: PROJECT_ROOT, env: cleanEnv(), timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(new Error(`examples/${file} did not exit by itself (${error.message})\n${stderr}`));
          return;
        }
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

/** An example that runs until stopped, with everything it printed so far. */
export class RunningExample {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #stdout = '';
  #stderr = '';

  constructor(file: string, args: readonly string[]) {
    const [command, argv] = exampleCommand(file, args);
    this.#child = spawn(command, argv, { cwd: PROJECT_ROOT, env: cleanEnv() });
    this.#child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      this.#stdout += text;
    });
    this.#child.stderr?.setEncoding('utf8').on('data', (text: string) => {
      this.#stderr += text;
    });
    this.#exited = new Promise((resolve) => this.#child.once('close', () => resolve()));
  }

  get stdout(): string {
    return this.#stdout;
  }

  get stderr(): string {
    return this.#stderr;
  }

  /** The complete lines printed on stdout so far. */
  get lines(): string[] {
    return this.#stdout.split('\n').slice(0, -1);
  }

  /** Stops it (SIGTERM, as Ctrl-C would) and waits for the process to be gone. */
  async stop(): Promise<void> {
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill('SIGTERM');
    await this.#exited;
  }
}
