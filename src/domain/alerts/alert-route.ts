import { type DiscrepancyType, type Severity, severityRank } from '../discrepancy.js';
import {
  type Alert,
  alertType,
  type DiscrepancyAlert,
  type HealthAlert,
  type HealthConditionName,
} from './alert.js';

export type AlertChannel = 'pagerduty' | 'slack' | 'webhook';
export const ALERT_CHANNELS: readonly AlertChannel[] = ['pagerduty', 'slack', 'webhook'];

/** Where alerts go and which ones: every filter left empty lets everything through. */
export interface AlertRoute {
  /** Stable across restarts: the outbox keeps deliveries by it. */
  readonly id: string;
  readonly channel: AlertChannel;
  readonly minSeverity: Severity;
  /** Accounts whose discrepancies the route takes; health alerts concern every account. */
  readonly accounts: readonly string[];
  /** Discrepancy types and health conditions the route takes. */
  readonly types: readonly (DiscrepancyType | HealthConditionName)[];
}

/** One alert for one route, in the order it must reach the route's receiver. */
export interface PlannedDelivery {
  readonly routeId: string;
  readonly alert: Alert;
}

/** Whether the route takes this alert as the first one of its subject. */
export function routeAccepts(route: AlertRoute, alert: DiscrepancyAlert | HealthAlert): boolean {
  if (severityRank(alert.severity) < severityRank(route.minSeverity)) return false;
  if (route.types.length > 0 && !route.types.includes(alertType(alert))) return false;
  if (alert.subject === 'discrepancy' && route.accounts.length > 0) {
    return route.accounts.includes(alert.discrepancy.account);
  }
  return true;
}

/**
 * The deliveries a batch of alerts makes, in the batch's order. An opening alert (OPENED, or a
 * raised severity) goes to every route that accepts it; an acknowledgement or a resolution goes to
 * exactly the routes that took an opening alert of the same subject, before or earlier in the
 * batch. So a page opened by a critical discrepancy is resolved even if the severity fell below
 * the route's minimum first, and no receiver hears of the end of something it never saw begin.
 *
 * `opened(dedupKey)` names the routes that already took an opening alert of that subject. Test
 * alerts are sent to a route by name, never routed.
 */
export function planDeliveries(
  routes: readonly AlertRoute[],
  alerts: readonly Alert[],
  opened: (dedupKey: string) => ReadonlySet<string>,
): PlannedDelivery[] {
  const openedInBatch = new Map<string, Set<string>>();
  const planned: PlannedDelivery[] = [];
  for (const alert of alerts) {
    if (alert.subject === 'test') continue;
    let routeIds = openedInBatch.get(alert.dedupKey);
    if (!routeIds) {
      routeIds = new Set(opened(alert.dedupKey));
      openedInBatch.set(alert.dedupKey, routeIds);
    }
    const opening = isOpening(alert);
    for (const route of routes) {
      const take = opening ? routeAccepts(route, alert) : routeIds.has(route.id);
      if (!take) continue;
      if (opening) routeIds.add(route.id);
      planned.push({ routeId: route.id, alert });
    }
  }
  return planned;
}

/** Whether an alert opens its subject on a route (what `opened` in {@link planDeliveries} counts). */
export function isOpening(alert: Alert): boolean {
  return alert.kind === 'OPENED' || alert.kind === 'SEVERITY_RAISED';
}
