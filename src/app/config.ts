import { isIP } from 'node:net';
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { QuantityTolerance } from '../domain/quantity-tolerance.js';
import { parseSecurityTypes, type SecurityTypeFilter } from '../domain/security-type-filter.js';
import type { ApiKey } from '../infra/http/api-key-auth.js';
import { LOG_LEVELS, type LogLevel } from '../infra/logger.js';
import { type AlertConfig, alertRouting } from './alert-config.js';
import { CONFIG_OPTIONS, type ConfigOption } from './config-options.js';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly db: string;
  readonly ib: {
    readonly host: string;
    readonly port: number;
    readonly clientId: number;
    readonly account?: string;
  };
  readonly securityTypes: SecurityTypeFilter;
  readonly flushIntervalMs: number;
  readonly reconcileIntervalMs: number;
  readonly staleAfterMs: number;
  readonly quietWindowMs: number;
  readonly snapshotTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
  readonly tolerance: QuantityTolerance;
  readonly heal: boolean;
  readonly apiKeys: readonly ApiKey[];
  readonly logLevel: LogLevel;
  readonly alerts: AlertConfig;
}

/** Every value that could not be accepted, one clear sentence each. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

type ExtraOptions = NonNullable<ParseArgsConfig['options']>;

/**
 * Reads the configuration from flags and environment (flags win) and validates every value. Throws
 * a ConfigError listing each bad value. `extra` declares a command's own flags; their values come
 * back untouched in `extra`.
 */
export function loadConfig(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  extra: ExtraOptions = {},
): { config: Config; extra: Record<string, string | boolean | (string | boolean)[] | undefined> } {
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  try {
    const options: ExtraOptions = { ...extra };
    for (const o of CONFIG_OPTIONS as readonly ConfigOption[]) {
      options[o.flag] = o.multiple ? { type: o.type, multiple: true } : { type: o.type };
    }
    values = parseArgs({
      args: negativeValuesAttached(args, options),
      options,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new ConfigError([(error as Error).message]);
  }

  const problems: string[] = [];
  const raw = (flag: string): { value: string; from: string } | undefined => {
    const option = (CONFIG_OPTIONS as readonly ConfigOption[]).find((o) => o.flag === flag)!;
    const fromFlag = values[flag];
    if (typeof fromFlag === 'string') return { value: fromFlag, from: `--${flag}` };
    const fromEnv = env[option.env];
    if (fromEnv !== undefined && fromEnv !== '') return { value: fromEnv, from: option.env };
    return option.default === undefined ? undefined : { value: option.default, from: `default of --${flag}` };
  };
  const check = <T>(flag: string, parse: (text: string, from: string) => T, fallback: T): T => {
    const r = raw(flag);
    if (!r) return fallback;
    try {
      return parse(r.value, r.from);
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };

  const host = check('host', nonEmpty, '127.0.0.1');
  const apiKeys = parseApiKeys(values['api-key'], env.SENTINEL_API_KEYS, problems);
  const config: Config = {
    host,
    port: check('port', integerIn(0, 65_535), 4000),
    db: check('db', nonEmpty, './data/positions.duckdb'),
    ib: {
      host: check('ib-host', nonEmpty, '127.0.0.1'),
      port: check('ib-port', integerIn(1, 65_535), 7497),
      clientId: check('ib-client-id', integerIn(0, 2_147_483_647), 17),
      ...optional('account', check('ib-account', accountCode, undefined as string | undefined)),
    },
    securityTypes: check(
      'sec-types',
      (t, from) => wrap(from, () => parseSecurityTypes(t)),
      parseSecurityTypes('OPT'),
    ),
    flushIntervalMs: check('flush-interval-ms', integerIn(10, 3_600_000), 3000),
    reconcileIntervalMs: check('reconcile-interval-ms', integerIn(1000, 86_400_000), 300_000),
    staleAfterMs: check('stale-after-ms', integerIn(1000, 7 * 86_400_000), 900_000),
    quietWindowMs: check('quiet-window-ms', integerIn(0, 3_600_000), 5000),
    snapshotTimeoutMs: check('snapshot-timeout-ms', integerIn(100, 600_000), 30_000),
    shutdownTimeoutMs: check('shutdown-timeout-ms', integerIn(100, 600_000), 15_000),
    tolerance: {
      absolute: check('tolerance-absolute', nonNegativeNumber, 1e-9),
      relative: check('tolerance-relative', nonNegativeNumber, 0),
    },
    heal: values.heal === true || check('heal', booleanWord, false),
    apiKeys,
    logLevel: check('log-level', logLevel, 'info'),
    alerts: {
      ...alertRouting(raw, values['alert-route'], env, problems),
      graceMs: check('alert-grace-ms', integerIn(0, 86_400_000), 300_000),
      maxAgeMs: check('alert-max-age-ms', integerIn(60_000, 30 * 86_400_000), 86_400_000),
      timeoutMs: check('alert-timeout-ms', integerIn(100, 600_000), 10_000),
    },
  };
  if (!isLoopback(config.host) && apiKeys.length === 0 && problems.length === 0) {
    problems.push(
      `refusing to listen on ${config.host} without API keys: anyone who can reach it could read your positions; ` +
        'add --api-key KEY:admin (or SENTINEL_API_KEYS), or listen on 127.0.0.1',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const extraValues: Record<string, string | boolean | (string | boolean)[] | undefined> = {};
  for (const name of Object.keys(extra)) extraValues[name] = values[name];
  return { config, extra: extraValues };
}

/**
 * `--flag -5` as `--flag=-5`. Node's parser refuses a value that starts with a dash as ambiguous
 * and suggests `=-XYZ`; a negative number after an option that takes a value can only be its
 * value, and then gets the option's own message.
 */
function negativeValuesAttached(args: readonly string[], options: ExtraOptions): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const next = args[i + 1];
    const option = arg.startsWith('--') ? options[arg.slice(2)] : undefined;
    if (option?.type === 'string' && next !== undefined && /^-(\d|\.\d)/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else {
      out.push(arg);
    }
  }
  return out;
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function wrap<T>(from: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new Error(`${from}: ${(error as Error).message}`);
  }
}

function nonEmpty(text: string, from: string): string {
  if (text.trim() === '') throw new Error(`${from} must not be empty`);
  return text.trim();
}

function integerIn(min: number, max: number) {
  return (text: string, from: string): number => {
    const n = Number(text);
    if (!/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new Error(`${from} must be a whole number from ${min} to ${max}, got "${text}"`);
    }
    return n;
  };
}

function nonNegativeNumber(text: string, from: string): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw new Error(`${from} must be a number of zero or more, got "${text}"`);
  }
  return n;
}

function booleanWord(text: string, from: string): boolean {
  const word = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(word)) return true;
  if (['0', 'false', 'no', 'off'].includes(word)) return false;
  throw new Error(`${from} must be true or false, got "${text}"`);
}

function accountCode(text: string, from: string): string {
  if (!/^[A-Za-z0-9]{2,20}$/.test(text.trim())) {
    throw new Error(`${from} must be an IB account code such as DU1234567, got "${text}"`);
  }
  return text.trim();
}

function logLevel(text: string, from: string): LogLevel {
  const level = text.trim().toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level))
    throw new Error(`${from} must be one of ${LOG_LEVELS.join(', ')}, got "${text}"`);
  return level;
}

const MIN_KEY_LENGTH = 12;

function parseApiKeys(flagValues: unknown, envValue: string | undefined, problems: string[]): ApiKey[] {
  const fromFlags = Array.isArray(flagValues) ? flagValues.map(String) : [];
  const entries =
    fromFlags.length > 0
      ? fromFlags.map((v) => ({ v, from: '--api-key' }))
      : (envValue ?? '')
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '')
          .map((v) => ({ v, from: 'SENTINEL_API_KEYS' }));
  const keys: ApiKey[] = [];
  for (const { v, from } of entries) {
    const at = v.lastIndexOf(':');
    const key = at > 0 ? v.slice(0, at) : v;
    const role = at > 0 ? v.slice(at + 1) : '';
    // Never echo the key itself into an error message: logs are not a place for secrets.
    const shown = `${key.slice(0, 3)}…`;
    if (role !== 'read' && role !== 'admin') {
      problems.push(`${from}: "${shown}" needs a role, written KEY:read or KEY:admin`);
    } else if (key.length < MIN_KEY_LENGTH) {
      problems.push(`${from}: the key "${shown}" is too short; use at least ${MIN_KEY_LENGTH} characters`);
    } else if (keys.some((k) => k.key === key)) {
      problems.push(`${from}: the key "${shown}" is given twice`);
    } else {
      keys.push({ key, role });
    }
  }
  return keys;
}
