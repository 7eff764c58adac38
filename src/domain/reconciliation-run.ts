import type { ReconciliationStatus, ReconciliationSummary } from './reconciliation-summary.js';

export type ReconciliationTrigger = 'STARTUP' | 'SCHEDULED' | 'MANUAL' | 'RECONNECT';

/** The audit record of one reconciliation run. */
export interface ReconciliationRun extends ReconciliationSummary {
  readonly id: string;
  readonly trigger: ReconciliationTrigger;
  readonly status: ReconciliationStatus;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly durationMs: number;
  readonly brokerPositionCount: number;
  readonly storePositionCount: number;
  /** The incidents this run found (opened, updated or still open). */
  readonly discrepancyIds: readonly string[];
  /** Expired options the run closed with an EXPIRY row. */
  readonly expiredCount: number;
  /** Keys left for the next run because they moved within the quiet window. */
  readonly deferredCount: number;
  readonly error: string | null;
}

/** A run with the sequence that a page of runs continues after. */
export interface SequencedRun {
  readonly sequence: number;
  readonly run: ReconciliationRun;
}
