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
  /** The discrepancies this run found (opened, updated or still open). */
  readonly discrepancyIds: readonly string[];
  /** Expired options the run closed with an EXPIRY row. */
  readonly expiredCount: number;
  /** Keys left for the next run because they moved within the quiet window. */
  readonly deferredCount: number;
  /**
   * Keys the catch-up before this run changed (the broker's starting list differed from the
   * store as it was): each is a discrepancy opened and resolved by this run.
   */
  readonly caughtUpCount: number;
  /** Rows of accounts the store held nothing for, loaded from the starting list, not compared. */
  readonly loadedCount: number;
  readonly error: string | null;
}

/** A run with the sequence that a page of runs continues after. */
export interface SequencedRun {
  readonly sequence: number;
  readonly run: ReconciliationRun;
}
