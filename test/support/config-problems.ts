import { ConfigError, loadConfig } from '../../src/app/config.js';

/** The lines a configuration is refused with (none when it loads). */
export function problemsOf(args: string[], env: Record<string, string> = {}): readonly string[] {
  try {
    loadConfig(args, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
