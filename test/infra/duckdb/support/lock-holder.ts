import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Starts a separate Node.js process that opens `path` with DuckDB and keeps it open until
 * `stop()`: another program holding the file, as a second server or a shell would.
 */
export async function holdFileInAnotherProcess(
  path: string,
): Promise<{ pid: number; stop(): Promise<void> }> {
  const script = `
    import { DuckDBInstance } from '@duckdb/node-api';
    const instance = await DuckDBInstance.create(${JSON.stringify(path)});
    await instance.connect();
    process.stdout.write('holding\\n');
    process.stdin.resume();
    process.stdin.on('end', () => process.exit(0));
  `;
  const child: ChildProcess = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: process.cwd(),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d) => {
      stdout += String(d);
      if (stdout.includes('holding')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code}: ${stderr}`)));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('lock holder has no pid');
  return {
    pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin?.end();
      await exited;
    },
  };
}
