import { DISCREPANCY_TYPES, type DiscrepancyType, type Severity } from './discrepancy.js';

export type ReconciliationStatus = 'CLEAN' | 'DISCREPANCIES' | 'BROKER_UNAVAILABLE' | 'FAILED';

export interface DiscrepancyCount {
  readonly type: DiscrepancyType;
  readonly count: number;
}

/** A run's result surface (docs/reconciliation-rules.md §9), derived from its counts and detected. */
export interface ReconciliationSummary {
  readonly discrepancyCount: number;
  readonly criticalCount: number;
  readonly hasCriticalIssues: boolean;
  readonly countsByType: readonly DiscrepancyCount[];
  /** `Broker: 12, Store: 11, Discrepancies: 2 (1 critical)` */
  readonly summary: string;
}

export function summarize(
  status: ReconciliationStatus,
  brokerPositionCount: number,
  storePositionCount: number,
  detected: readonly { readonly type: DiscrepancyType; readonly severity: Severity }[],
  error?: string,
): ReconciliationSummary {
  const criticalCount = detected.filter((f) => f.severity === 'CRITICAL').length;
  const countsByType = DISCREPANCY_TYPES.map((type) => ({
    type,
    count: detected.filter((f) => f.type === type).length,
  }));
  let summary: string;
  if (status === 'BROKER_UNAVAILABLE') {
    summary = `Broker: unavailable (${error ?? 'no complete snapshot'}), Store: ${storePositionCount}, no discrepancies reported`;
  } else if (status === 'FAILED') {
    summary = `Reconciliation failed: ${error ?? 'unknown error'}`;
  } else {
    summary = `Broker: ${brokerPositionCount}, Store: ${storePositionCount}, Discrepancies: ${detected.length} (${criticalCount} critical)`;
  }
  return {
    discrepancyCount: detected.length,
    criticalCount,
    hasCriticalIssues: criticalCount > 0,
    countsByType,
    summary,
  };
}
