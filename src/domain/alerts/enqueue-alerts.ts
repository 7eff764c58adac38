import type { Discrepancy } from '../discrepancy.js';
import type { RecordedDiscrepancyEvent } from '../discrepancy-event.js';
import type { AlertOutboxWriter } from '../ports/alert-outbox-port.js';
import { type Alert, type DiscrepancyAlert, discrepancyAlert } from './alert.js';
import { type AlertRoute, type PlannedDelivery, planDeliveries } from './alert-route.js';

/**
 * Plans the alerts for the routes and writes the deliveries in the caller's transaction. Returns
 * what was planned, so the caller can wake the worker once the transaction commits.
 */
export async function enqueueAlerts<Tx>(
  outbox: AlertOutboxWriter<Tx>,
  routes: readonly AlertRoute[],
  alerts: readonly Alert[],
  at: Date,
  tx: Tx,
): Promise<readonly PlannedDelivery[]> {
  if (alerts.length === 0 || routes.length === 0) return [];
  const opened = await outbox.openedRoutes([...new Set(alerts.map((a) => a.dedupKey))], tx);
  const none: ReadonlySet<string> = new Set();
  const planned = planDeliveries(routes, alerts, (key) => opened.get(key) ?? none);
  if (planned.length > 0) await outbox.enqueue(planned, at, tx);
  return planned;
}

/**
 * The alerts a batch of recorded events makes, in order. `before` holds each discrepancy as it was
 * stored before the batch; an event later in the batch compares with the one before it.
 */
export function discrepancyAlerts(
  events: readonly RecordedDiscrepancyEvent[],
  before: ReadonlyMap<string, Discrepancy>,
  runId: string | null,
): DiscrepancyAlert[] {
  const latest = new Map(before);
  const alerts: DiscrepancyAlert[] = [];
  for (const event of events) {
    const alert = discrepancyAlert(event, latest.get(event.discrepancy.id), runId);
    if (alert) alerts.push(alert);
    latest.set(event.discrepancy.id, event.discrepancy);
  }
  return alerts;
}
