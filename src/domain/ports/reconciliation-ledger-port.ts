import type { Discrepancy } from '../discrepancy.js';
import type { DiscrepancyEvent, RecordedDiscrepancyEvent } from '../discrepancy-event.js';
import type { ReconciliationRun } from '../reconciliation-run.js';
import type { KeyVerification } from '../verification.js';

export interface RunRecord {
  readonly run: ReconciliationRun;
  readonly changed: readonly Discrepancy[];
  readonly events: readonly DiscrepancyEvent[];
  /** The keys the run verified: each key's latest verification replaces its earlier one. */
  readonly verified?: readonly KeyVerification[] | undefined;
}

/** Persistence of runs and discrepancies: the audit trail. */
export interface ReconciliationLedgerPort {
  activeDiscrepancies(): Promise<readonly Discrepancy[]>;
  discrepancy(id: string): Promise<Discrepancy | undefined>;
  /** The run, its discrepancy changes and their events, in one transaction. */
  recordRun(record: RunRecord): Promise<readonly RecordedDiscrepancyEvent[]>;
  /** A person's acknowledgement or resolution. */
  recordDiscrepancyChange(event: DiscrepancyEvent): Promise<RecordedDiscrepancyEvent>;
  latestRun(): Promise<ReconciliationRun | undefined>;
  /** The latest run whose snapshot completed (CLEAN or DISCREPANCIES). */
  latestCompleteRun(): Promise<ReconciliationRun | undefined>;
  /** Every key's latest verification. */
  verifications(): Promise<readonly KeyVerification[]>;
}
