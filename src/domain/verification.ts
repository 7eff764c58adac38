import type { BrokerState } from './ports/broker-port.js';
import type { PositionKey } from './position.js';
import type { ReconciliationRun } from './reconciliation-run.js';

/**
 * Whether the store has recently been proven equal to the broker (docs/reconciliation-rules.md
 * §13). Not to be confused with the discrepancy type STALE_DATA (an old row that agrees).
 */
export type VerificationState = 'VERIFIED' | 'UNVERIFIED' | 'STALE';
export const VERIFICATION_STATES: readonly VerificationState[] = ['VERIFIED', 'UNVERIFIED', 'STALE'];

export interface Verification {
  readonly state: VerificationState;
  /** Why the state is not VERIFIED, in plain words; null when it is. */
  readonly reason: string | null;
  /** When the latest run with a complete snapshot finished; null when there was none. */
  readonly verifiedAt: Date | null;
  /** That run. */
  readonly run: ReconciliationRun | null;
}

export interface VerificationInput {
  /** The latest run whose broker snapshot completed (status CLEAN or DISCREPANCIES). */
  readonly latestComplete: ReconciliationRun | null;
  readonly brokerState: BrokerState;
  readonly intervalMs: number;
  readonly now: Date;
}

export const NO_RUN_YET = 'no run has compared the store with the broker yet';

/** A run compared the store with the broker when its snapshot completed. */
export function comparedWithBroker(run: ReconciliationRun): boolean {
  return run.status === 'CLEAN' || run.status === 'DISCREPANCIES';
}

/** How long a comparison stands: two reconciliation intervals, so one late run is not an alarm. */
export function verificationLifetimeMs(intervalMs: number): number {
  return 2 * intervalMs;
}

/**
 * VERIFIED only while the latest complete run is younger than two intervals and the broker is
 * READY; UNVERIFIED when there is no such run or the broker is not READY; STALE when the run is
 * older. The broker's state comes first: a fresh run says nothing once the feed is gone.
 */
export function verificationOf(input: VerificationInput): Verification {
  const run = input.latestComplete;
  const verifiedAt = run?.finishedAt ?? null;
  const base = { verifiedAt, run };
  if (input.brokerState !== 'READY') {
    return { ...base, state: 'UNVERIFIED', reason: `broker ${input.brokerState}` };
  }
  if (run === null || verifiedAt === null) return { ...base, state: 'UNVERIFIED', reason: NO_RUN_YET };
  const ageMs = input.now.getTime() - verifiedAt.getTime();
  if (ageMs >= verificationLifetimeMs(input.intervalMs)) {
    return {
      ...base,
      state: 'STALE',
      reason: 'the last complete comparison is older than two reconciliation intervals',
    };
  }
  return { ...base, state: 'VERIFIED', reason: null };
}

/** When a VERIFIED state ages into STALE if nothing else happens; undefined when not VERIFIED. */
export function verificationExpiresAt(verification: Verification, intervalMs: number): Date | undefined {
  if (verification.state !== 'VERIFIED' || verification.verifiedAt === null) return undefined;
  return new Date(verification.verifiedAt.getTime() + verificationLifetimeMs(intervalMs));
}

/** Seconds since the latest complete comparison; undefined when there was none. */
export function verificationAgeSeconds(verification: Verification, now: Date): number | undefined {
  if (verification.verifiedAt === null) return undefined;
  return Math.max(0, (now.getTime() - verification.verifiedAt.getTime()) / 1000);
}

/** The last run whose complete snapshot agreed on one key (compared, not deferred). */
export interface KeyVerification extends PositionKey {
  readonly verifiedAt: Date;
  readonly runId: string;
}
