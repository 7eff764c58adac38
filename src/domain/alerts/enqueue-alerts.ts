import type { AlertOutboxWriter } from '../ports/alert-outbox-port.js';
import type { Alert } from './alert.js';
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
