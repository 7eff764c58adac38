/** Where a command writes and what it may read: the process in production, buffers in tests. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A person watches the output (a terminal): logs are written for reading, not for machines. */
  readonly interactive: boolean;
  /**
   * Resolves with the signal's name when the user asks a long-running command to stop (SIGINT or
   * SIGTERM). Signals keep their default effect until a command asks; from then on every further
   * one is handed to `again` and does nothing else (one Ctrl-C under npm arrives more than once).
   */
  readonly waitForStop: (again?: (signal: string) => void) => Promise<string>;
}

/** A command line that cannot be run as given: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** Returns the process exit code. */
  run(args: readonly string[], io: CliIo): Promise<number>;
}
