import type { Clock } from '../../domain/clock.js';
import { DomainError } from '../../domain/errors.js';
import { parseSecurityTypes, type SecurityTypeFilter } from '../../domain/security-type-filter.js';
import { type Logger, silentLogger } from '../logger.js';
import { systemClock } from '../system-clock.js';
import { type BackoffPolicy, DEFAULT_BACKOFF } from './reconnect-backoff.js';

export interface IbAdapterOptions {
  /** TWS or IB Gateway: always explicit (the @stoqey/ib npm build has no defaults, see README). */
  readonly host: string;
  readonly port: number;
  /** Unique among the API programs connected to the same TWS. */
  readonly clientId: number;
  /** The account whose portfolio feed (prices, value, P&L) is subscribed; default the first managed. */
  readonly account?: string | undefined;
  /** Security types kept; everything else is dropped on arrival. Default OPT. */
  readonly securityTypes?: SecurityTypeFilter | undefined;
  readonly clock?: Clock | undefined;
  readonly logger?: Logger | undefined;
  /** The ingest sequence of each update; the composition root passes the store's. */
  readonly nextSequence?: (() => number) | undefined;
  /** How long a snapshot (and the feed's starting list) may wait for positionEnd; default 30 s. */
  readonly snapshotTimeoutMs?: number | undefined;
  /** How long the portfolio feed's download may take before the session counts as ready; default 10 s. */
  readonly accountDownloadTimeoutMs?: number | undefined;
  /** How long a connection may take to become ready (nextValidId) before it is retried; default 30 s. */
  readonly handshakeTimeoutMs?: number | undefined;
  readonly backoff?: Partial<BackoffPolicy> | undefined;
  /** Source of the backoff's jitter, in [0, 1). */
  readonly random?: (() => number) | undefined;
  /** The client's own request throttle (@stoqey/ib's default, 40); IB allows 50 per second. */
  readonly maxRequestsPerSecond?: number | undefined;
}

/** Every setting filled in (the account stays optional: default the first managed). */
export type ResolvedIbAdapterOptions = {
  readonly [K in Exclude<keyof IbAdapterOptions, 'account' | 'backoff'>]-?: Exclude<
    IbAdapterOptions[K],
    undefined
  >;
} & { readonly account: string | undefined; readonly backoff: BackoffPolicy };

/** Counts from 1: the sequence of an adapter that is not given the store's. */
export function inMemorySequence(): () => number {
  let last = 0;
  return () => ++last;
}

/** Fills the defaults and checks every value; throws one BAD_USER_INPUT error listing each problem. */
export function resolveIbAdapterOptions(options: IbAdapterOptions): ResolvedIbAdapterOptions {
  const resolved: ResolvedIbAdapterOptions = {
    host: options.host,
    port: options.port,
    clientId: options.clientId,
    account: options.account === '' ? undefined : options.account,
    securityTypes: options.securityTypes ?? parseSecurityTypes('OPT'),
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    nextSequence: options.nextSequence ?? inMemorySequence(),
    snapshotTimeoutMs: options.snapshotTimeoutMs ?? 30_000,
    accountDownloadTimeoutMs: options.accountDownloadTimeoutMs ?? 10_000,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 30_000,
    backoff: { ...DEFAULT_BACKOFF, ...definedOnly(options.backoff ?? {}) },
    random: options.random ?? Math.random,
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? 40,
  };
  const problems: string[] = [];
  if (typeof resolved.host !== 'string' || resolved.host.trim() === '') problems.push('host is required');
  if (!Number.isInteger(resolved.port) || resolved.port < 1 || resolved.port > 65_535) {
    problems.push(`port must be an integer in 1..65535, got ${resolved.port}`);
  }
  if (!Number.isInteger(resolved.clientId) || resolved.clientId < 0 || resolved.clientId > 2_147_483_647) {
    problems.push(`clientId must be an integer in 0..2147483647, got ${resolved.clientId}`);
  }
  const positive: [string, number][] = [
    ['snapshotTimeoutMs', resolved.snapshotTimeoutMs],
    ['accountDownloadTimeoutMs', resolved.accountDownloadTimeoutMs],
    ['handshakeTimeoutMs', resolved.handshakeTimeoutMs],
    ['backoff.initialDelayMs', resolved.backoff.initialDelayMs],
    ['backoff.maxDelayMs', resolved.backoff.maxDelayMs],
    ['maxRequestsPerSecond', resolved.maxRequestsPerSecond],
  ];
  for (const [name, value] of positive) {
    if (!(Number.isFinite(value) && value > 0))
      problems.push(`${name} must be a positive number, got ${value}`);
  }
  if (resolved.backoff.maxDelayMs < resolved.backoff.initialDelayMs) {
    problems.push('backoff.maxDelayMs must not be below backoff.initialDelayMs');
  }
  const { jitter } = resolved.backoff;
  if (!(Number.isFinite(jitter) && jitter >= 0 && jitter < 1)) {
    problems.push(`backoff.jitter must be in [0, 1), got ${jitter}`);
  }
  if (problems.length > 0) {
    throw new DomainError('BAD_USER_INPUT', `invalid IB connection settings: ${problems.join('; ')}`);
  }
  return resolved;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
