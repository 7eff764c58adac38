import { type ChildProcess, spawn } from 'node:child_process';

export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * `npm run cli -- reconcile …` as a real child process, with an environment free of the
 * service's own variables (so only the flags given count). `stop()` ends its process group.
 */
export class ReconcileProcess {
  readonly result: Promise<ProcessResult>;
  readonly #child: ChildProcess;
  #exited = false;

  constructor(args: readonly string[]) {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(
        ([name]) => !name.startsWith('SENTINEL_') && !name.startsWith('IB_'),
      ),
    );
    // Its own process group, so that npm, the shell and tsx can be ended together.
    this.#child = spawn('npm', ['run', '-s', 'cli', '--', 'reconcile', ...args], {
      cwd: process.cwd(),
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    this.#child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    this.#child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    this.result = new Promise((resolve, reject) => {
      this.#child.once('error', reject);
      this.#child.once('close', (code) => {
        this.#exited = true;
        resolve({ code, stdout, stderr });
      });
    });
  }

  async stop(): Promise<void> {
    const pid = this.#child.pid;
    if (this.#exited || pid === undefined) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
    await this.result.catch(() => undefined);
  }
}
