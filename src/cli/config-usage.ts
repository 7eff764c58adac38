import { ConfigError, loadConfig } from '../app/config.js';
import { CONFIG_OPTIONS, type ConfigOption } from '../app/config-options.js';
import { UsageError } from './cli-io.js';

/** The option table every command that runs the service prints with --help. */
export function configOptionsHelp(): string {
  const rows = (CONFIG_OPTIONS as readonly ConfigOption[]).map((o) => {
    const flag = `--${o.flag}${o.type === 'boolean' ? '' : ' <value>'}`;
    const fallback = o.default === undefined ? '' : ` (default ${o.default})`;
    return `  ${flag.padEnd(34)}${o.description}${fallback}\n  ${''.padEnd(34)}env ${o.env}`;
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
    if (error instanceof ConfigError) throw new UsageError(error.problems.join('\n'));
    throw error;
  }
}

export function wantsHelp(args: readonly string[]): boolean {
  return args.includes('--help') || args.includes('-h');
}
