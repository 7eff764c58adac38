import { type Clock, wallClock } from './clock.js';
import { SimulatorError } from './simulator-error.js';
import { isKnownTimeZone } from './wire/execution-time.js';
import { ServerVersion } from './wire/message-ids.js';

export interface SimulatorOptions {
  /** Address to listen on; default 127.0.0.1. */
  readonly host?: string;
  /** TCP port; 0 (the default) picks a free one, read it back from `sim.port`. */
  readonly port?: number;
  /** Account codes, in the order MANAGED_ACCTS lists them; default two paper accounts. */
  readonly accounts?: readonly string[];
  /** The highest server version offered (100..193); default 176. */
  readonly serverVersion?: number;
  /** How often the portfolio feed re-sends its rows with current prices; default 3 minutes. */
  readonly portfolioRefreshMs?: number;
  /** Simultaneous connections allowed before new ones are refused; default 32, as TWS. */
  readonly maxClients?: number;
  /** Cash each account starts with; default 1,000,000 USD. */
  readonly startingCash?: number;
  /** The first id NEXT_VALID_ID hands out; default 1. */
  readonly firstOrderId?: number;
  /** Drives every timer and timestamp; default the machine's own time. */
  readonly clock?: Clock;
  /**
   * The Master API client ID of TWS's API settings: that client hears every execution live, not
   * only those of its own orders. Default none (the field left blank, as TWS ships).
   */
  readonly masterClientId?: number | undefined;
  /** The zone of the TWS login, in which execution times are written; default US/Eastern. */
  readonly timeZone?: string;
}

export type ResolvedOptions = Required<SimulatorOptions>;

export const DEFAULT_ACCOUNTS: readonly string[] = ['DU111111', 'DU222222'];
export const DEFAULT_SERVER_VERSION = 176;
export const DEFAULT_PORTFOLIO_REFRESH_MS = 3 * 60_000;
export const DEFAULT_MAX_CLIENTS = 32;
/** The zone most US logins choose; an old IANA link, as TWS names zones. */
export const DEFAULT_TIME_ZONE = 'US/Eastern';

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    accounts: options.accounts ?? DEFAULT_ACCOUNTS,
    serverVersion: options.serverVersion ?? DEFAULT_SERVER_VERSION,
    portfolioRefreshMs: options.portfolioRefreshMs ?? DEFAULT_PORTFOLIO_REFRESH_MS,
    maxClients: options.maxClients ?? DEFAULT_MAX_CLIENTS,
    startingCash: options.startingCash ?? 1_000_000,
    firstOrderId: options.firstOrderId ?? 1,
    clock: options.clock ?? wallClock,
    masterClientId: options.masterClientId,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
  };
  const problems: string[] = [];
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65_535) {
    problems.push(`port must be an integer in 0..65535, got ${resolved.port}`);
  }
  const { serverVersion } = resolved;
  if (
    !Number.isInteger(serverVersion) ||
    serverVersion < ServerVersion.MIN_V100 ||
    serverVersion > ServerVersion.MAX_TEXT
  ) {
    problems.push(`serverVersion must be an integer in 100..193, got ${serverVersion}`);
  }
  if (resolved.accounts.length === 0) problems.push('at least one account is needed');
  for (const account of resolved.accounts) {
    if (!/^[A-Za-z0-9]+$/.test(account))
      problems.push(`account codes are letters and digits, got "${account}"`);
  }
  if (new Set(resolved.accounts).size !== resolved.accounts.length)
    problems.push('account codes must be distinct');
  if (!(Number.isFinite(resolved.portfolioRefreshMs) && resolved.portfolioRefreshMs > 0)) {
    problems.push(`portfolioRefreshMs must be a positive number, got ${resolved.portfolioRefreshMs}`);
  }
  if (!Number.isInteger(resolved.maxClients) || resolved.maxClients < 1) {
    problems.push(`maxClients must be a positive integer, got ${resolved.maxClients}`);
  }
  if (!Number.isFinite(resolved.startingCash)) problems.push('startingCash must be a finite number');
  if (!Number.isSafeInteger(resolved.firstOrderId)) problems.push('firstOrderId must be an integer');
  const { masterClientId } = resolved;
  if (masterClientId !== undefined && !(Number.isSafeInteger(masterClientId) && masterClientId >= 0)) {
    problems.push(`masterClientId must be an integer ≥ 0, got ${masterClientId}`);
  }
  if (!isKnownTimeZone(resolved.timeZone))
    problems.push(`timeZone "${resolved.timeZone}" is not a known zone`);
  if (problems.length > 0) throw new SimulatorError('INVALID_OPTION', problems.join('; '));
  return resolved;
}
