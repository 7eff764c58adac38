import type { Incident, IncidentEvent, RecordedIncidentEvent } from '../incident.js';
import type { ReconciliationRun } from '../reconciliation-run.js';

export interface RunRecord {
  readonly run: ReconciliationRun;
  readonly changed: readonly Incident[];
  readonly events: readonly IncidentEvent[];
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
}
