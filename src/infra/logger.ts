export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `bindings` (e.g. `{ component: 'ib' }`) to every line. */
  child(bindings: LogFields): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** One call per line, newline included. */
  readonly write: (line: string) => void;
  /** Human-readable lines for a terminal instead of JSON. */
  readonly pretty?: boolean;
  readonly now?: () => Date;
}

/** Structured logs: one JSON object per line, or a readable line when a person is watching. */
export function createLogger(options: LoggerOptions, bindings: LogFields = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'info');
  const now = options.now ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (LOG_LEVELS.indexOf(level) < threshold) return;
    const all = { ...bindings, ...fields };
    const time = now();
    options.write(
      options.pretty ? prettyLine(time, level, message, all) : jsonLine(time, level, message, all),
    );
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (more) => createLogger(options, { ...bindings, ...more }),
  };
}

/** A logger that drops everything, for commands and tests that do not want output. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

function jsonLine(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  return `${JSON.stringify({ time: time.toISOString(), level, msg, ...serializable(fields) })}\n`;
}

function prettyLine(time: Date, level: LogLevel, msg: string, fields: LogFields): string {
  const extras = Object.entries(serializable(fields))
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
  const clock = time.toISOString().slice(11, 23);
  return `${clock} ${level.toUpperCase().padEnd(5)} ${msg}${extras ? `  ${extras}` : ''}\n`;
}

/** Errors become their message (and code); bigints become strings, so every line serializes. */
function serializable(fields: LogFields): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      const code = (value as { code?: unknown }).code;
      // The cause is where a safe message keeps the original error: the log is where it belongs.
      const cause = value.cause instanceof Error ? value.cause.message : undefined;
      out[key] =
        code === undefined && cause === undefined
          ? value.message
          : { message: value.message, ...(code === undefined ? {} : { code }), ...(cause ? { cause } : {}) };
    } else if (typeof value === 'bigint') {
      out[key] = value.toString();
    } else if (value instanceof Date) {
      out[key] = value.toISOString();
    } else if (value !== undefined) {
      out[key] = value;
    }
  }
  return out;
}
