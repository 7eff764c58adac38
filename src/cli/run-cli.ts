import { type CliIo, type Command, UsageError } from './cli-io.js';
import { commands as allCommands } from './commands.js';

const DEFAULT_COMMAND = 'serve';

export function usage(commands: readonly Command[] = allCommands): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length)) + 2;
  const lines = [
    'Usage: position-sentinel <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    `  ${'help'.padEnd(width)}Print this help`,
    '',
    'Run `position-sentinel <command> --help` for the options of a command.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs one command line; resolves with the exit code (2 for usage and configuration errors). */
export async function runCli(argv: readonly string[], io: CliIo, commands = allCommands): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'help' || first === '--help' || first === '-h') {
    io.stdout(usage(commands));
    return 0;
  }
  // Without a command name the service runs: `position-sentinel --port 4001` means serve.
  const implied = first === undefined || first.startsWith('-');
  const name = implied ? DEFAULT_COMMAND : first;
  const args = implied ? argv : rest;
  const command = commands.find((c) => c.name === name);
  if (!command && implied) {
    io.stderr(usage(commands));
    return 2;
  }
  if (!command) {
    io.stderr(`position-sentinel: unknown command "${name}"\n\n${usage(commands)}`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`position-sentinel ${command.name}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
