import type { Contract } from './contract.js';
import type { PositionKey } from './position.js';

export type DiscrepancyType = 'MISSING_FROM_STORE' | 'NAKED_POSITION' | 'POSITION_MISMATCH' | 'STALE_DATA';
export const DISCREPANCY_TYPES: readonly DiscrepancyType[] = [
  'MISSING_FROM_STORE',
  'NAKED_POSITION',
  'POSITION_MISMATCH',
  'STALE_DATA',
];

export type DiscrepancyStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';

export type Severity = 'INFO' | 'WARNING' | 'CRITICAL';
export const SEVERITIES: readonly Severity[] = ['INFO', 'WARNING', 'CRITICAL'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** What one completed reconciliation run found wrong with one key. */
export interface DetectedDiscrepancy extends PositionKey {
  readonly type: DiscrepancyType;
  readonly severity: Severity;
  readonly contract: Contract;
  /** Null when the broker does not hold the key. */
  readonly brokerQuantity: number | null;
  /** Null when the store has no open position for the key. */
  readonly storeQuantity: number | null;
  /** Broker minus store, absent sides counting as zero. */
  readonly difference: number;
  readonly storeUpdatedAt: Date | null;
  readonly message: string;
}

/** One discrepancy per (account, conId, type) while it persists. */
export function discrepancyKeyId(f: PositionKey & { readonly type: DiscrepancyType }): string {
  return `${f.account}:${f.conId}:${f.type}`;
}

/** A discrepancy as it lives across runs: one per (account, conId, type) while it persists. */
export interface Discrepancy extends PositionKey {
  readonly id: string;
  readonly type: DiscrepancyType;
  readonly severity: Severity;
  readonly status: DiscrepancyStatus;
  readonly contract: Contract;
  readonly brokerQuantity: number | null;
  readonly storeQuantity: number | null;
  readonly difference: number;
  readonly storeUpdatedAt: Date | null;
  /**
   * When a catch-up applied the broker's starting list to this key (docs/reconciliation-rules.md
   * §12): the store was behind from storeUpdatedAt until then. Null for a discrepancy a run found.
   */
  readonly caughtUpAt: Date | null;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly note: string | null;
  readonly message: string;
}

export function isActive(discrepancy: Discrepancy): boolean {
  return discrepancy.status !== 'RESOLVED';
}
