import { ConfigError, loadConfig } from '../app/config.js';
import { CONFIG_OPTIONS, type ConfigFlag, type ConfigOption } from '../app/config-options.js';
import { UsageError } from './cli-io.js';

/** How a command changes the option table: its own defaults, and options that do not apply to it. */
export interface OptionsHelpChanges {
  readonly defaults?: Partial<Record<ConfigFlag, string>>;
  readonly omit?: readonly ConfigFlag[];
}

/** The option table every command that runs the service prints with --help. */
export function configOptionsHelp(changes: OptionsHelpChanges = {}): string {
  const shown = (CONFIG_OPTIONS as readonly ConfigOption[]).filter(
    (o) => !changes.omit?.includes(o.flag as ConfigFlag),
  );
  const rows = shown.map((o) => {
    const flag = `--${o.flag}${o.type === 'boolean' ? '' : ' <value>'}`;
    const ownDefault = changes.defaults?.[o.flag as ConfigFlag] ?? o.default;
    const fallback = ownDefault === undefined ? '' : ` (default ${ownDefault})`;
    const env = o.secretEnv ? `env ${o.env}, or the value itself in ${o.secretEnv}` : `env ${o.env}`;
    return `  ${flag.padEnd(34)}${o.description}${fallback}\n  ${''.padEnd(34)}${env}`;
  });
  return `Options (flags win over environment variables):\n${rows.join('\n')}\n`;
}

/** Loads the configuration, turning every bad value into one usage error (exit code 2). */
export function configFromArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  extra?: Parameters<typeof loadConfig>[2],
): ReturnType<typeof loadConfig> {
  try {
    return loadConfig(args, env, extra);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(describeProblems(error.problems));
    throw error;
  }
}

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}

/** One line per bad value, so that a person can fix them all in one go. */
function describeProblems(problems: readonly string[]): string {
  const hint = 'Run with --help to see every option.';
  if (problems.length === 1) return `${problems[0]}\n${hint}`;
  return `${problems.length} configuration values are not valid:\n${problems.map((p) => `  ${p}`).join('\n')}\n${hint}`;
}
