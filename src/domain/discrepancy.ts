import type { Contract } from './contract.js';
import type { PositionKey } from './position.js';

export type DiscrepancyType = 'MISSING_FROM_STORE' | 'NAKED_POSITION' | 'POSITION_MISMATCH' | 'STALE_DATA';
export const DISCREPANCY_TYPES: readonly DiscrepancyType[] = [
  'MISSING_FROM_STORE',
  'NAKED_POSITION',
  'POSITION_MISMATCH',
  'STALE_DATA',
];

export type Severity = 'INFO' | 'WARNING' | 'CRITICAL';
export const SEVERITIES: readonly Severity[] = ['INFO', 'WARNING', 'CRITICAL'];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** What one completed reconciliation run found wrong with one key. */
export interface Finding extends PositionKey {
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

/** One incident per (account, conId, type) while it persists. */
export function incidentKeyId(f: PositionKey & { readonly type: DiscrepancyType }): string {
  return `${f.account}:${f.conId}:${f.type}`;
}
