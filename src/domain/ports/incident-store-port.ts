import type { Incident, IncidentEvent, RecordedIncidentEvent } from '../incident.js';
import type { ReconciliationRun } from '../reconciliation-run.js';
import type { KeyVerification } from '../verification.js';

export interface RunRecord {
  readonly run: ReconciliationRun;
  readonly changed: readonly Incident[];
  readonly events: readonly IncidentEvent[];
  /** The keys the run verified: each key's latest verification replaces its earlier one. */
  readonly verified?: readonly KeyVerification[] | undefined;
}

/** Persistence of runs and incidents: the audit trail. */
export interface IncidentStorePort {
  activeIncidents(): Promise<readonly Incident[]>;
  incident(id: string): Promise<Incident | undefined>;
  /** The run, its incident changes and their events, in one transaction. */
  recordRun(record: RunRecord): Promise<readonly RecordedIncidentEvent[]>;
  /** A person's acknowledgement or resolution. */
  recordIncidentChange(event: IncidentEvent): Promise<RecordedIncidentEvent>;
  latestRun(): Promise<ReconciliationRun | undefined>;
  /** The latest run whose snapshot completed (CLEAN or DISCREPANCIES). */
  latestCompleteRun(): Promise<ReconciliationRun | undefined>;
  /** Every key's latest verification. */
  verifications(): Promise<readonly KeyVerification[]>;
}
