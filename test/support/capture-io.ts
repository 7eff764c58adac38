import type { CliIo } from '../../src/cli/cli-io.js';

export interface CapturedIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
  readonly stdoutText: () => string;
  readonly stderrText: () => string;
}

/** A command's IO in memory: what it printed, and a stop signal the test controls. */
export function captureIo(
  options: { env?: Record<string, string>; stop?: Promise<string> } = {},
): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => {
      out.push(t);
    },
    stderr: (t) => {
      err.push(t);
    },
    env: options.env ?? {},
    interactive: false,
    waitForStop: () => options.stop ?? new Promise(() => {}),
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}
