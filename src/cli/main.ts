import { runCli } from './run-cli.js';

// The process entry point: the only module that touches process-wide state.

// A reader that goes away (`position-sentinel simulate | head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// The handlers stay for the life of the process: a second signal must never kill a shutdown
// that is writing the buffered updates. The shutdown has its own deadline instead.
const waitForStop = (again?: (signal: string) => void) =>
  new Promise<string>((resolve) => {
    let stopping = false;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (stopping) again?.(signal);
        else {
          stopping = true;
          resolve(signal);
        }
      });
    }
  });

/**
 * A shutdown that overran its deadline may leave a step running that holds the process open:
 * once the command has returned its code, the process ends soon even then.
 */
function exitSoon(): void {
  setTimeout(() => process.exit(), 2000).unref();
}

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  interactive: process.stdout.isTTY === true,
  waitForStop,
}).then(
  (code) => {
    process.exitCode = code;
    exitSoon();
  },
  (error: unknown) => {
    process.stderr.write(
      `position-sentinel: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
    exitSoon();
  },
);
