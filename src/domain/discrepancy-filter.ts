import type { DiscrepancyType, Severity } from './discrepancy.js';
import type { Incident, IncidentStatus } from './incident.js';

/** Which discrepancies a reader wants; without a status, the active ones (OPEN, ACKNOWLEDGED). */
export interface DiscrepancyFilter {
  readonly status?: readonly IncidentStatus[] | undefined;
  readonly type?: readonly DiscrepancyType[] | undefined;
  readonly severity?: readonly Severity[] | undefined;
  readonly account?: string | undefined;
  readonly symbol?: string | undefined;
}

export const ACTIVE_STATUSES: readonly IncidentStatus[] = ['OPEN', 'ACKNOWLEDGED'];

export function matchesDiscrepancyFilter(incident: Incident, filter: DiscrepancyFilter = {}): boolean {
  const statuses = filter.status && filter.status.length > 0 ? filter.status : ACTIVE_STATUSES;
  if (!statuses.includes(incident.status)) return false;
  if (filter.type && filter.type.length > 0 && !filter.type.includes(incident.type)) return false;
  if (filter.severity && filter.severity.length > 0 && !filter.severity.includes(incident.severity))
    return false;
  if (filter.account !== undefined && incident.account.toUpperCase() !== filter.account.toUpperCase())
    return false;
  if (filter.symbol !== undefined && incident.contract.symbol.toUpperCase() !== filter.symbol.toUpperCase()) {
    return false;
  }
  return true;
}
