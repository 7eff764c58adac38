import type { Discrepancy, DiscrepancyStatus, DiscrepancyType, Severity } from './discrepancy.js';

/** Which discrepancies a reader wants; without a status, the active ones (OPEN, ACKNOWLEDGED). */
export interface DiscrepancyFilter {
  readonly status?: readonly DiscrepancyStatus[] | undefined;
  readonly type?: readonly DiscrepancyType[] | undefined;
  readonly severity?: readonly Severity[] | undefined;
  readonly account?: string | undefined;
  readonly symbol?: string | undefined;
}

export const ACTIVE_STATUSES: readonly DiscrepancyStatus[] = ['OPEN', 'ACKNOWLEDGED'];

export function matchesDiscrepancyFilter(discrepancy: Discrepancy, filter: DiscrepancyFilter = {}): boolean {
  const statuses = filter.status && filter.status.length > 0 ? filter.status : ACTIVE_STATUSES;
  if (!statuses.includes(discrepancy.status)) return false;
  if (filter.type && filter.type.length > 0 && !filter.type.includes(discrepancy.type)) return false;
  if (filter.severity && filter.severity.length > 0 && !filter.severity.includes(discrepancy.severity))
    return false;
  if (filter.account !== undefined && discrepancy.account.toUpperCase() !== filter.account.toUpperCase())
    return false;
  if (
    filter.symbol !== undefined &&
    discrepancy.contract.symbol.toUpperCase() !== filter.symbol.toUpperCase()
  ) {
    return false;
  }
  return true;
}
