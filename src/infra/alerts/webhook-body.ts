import type { Alert } from '../../domain/alerts/alert.js';
import { alertEventType, contractText } from './alert-details.js';
import type { AlertContext } from './alert-target.js';

/**
 * The webhook body, version 1. Every key is always present (null when it does not apply); a later
 * version may add keys but never removes or renames one, and says so in `version`.
 */
export const WEBHOOK_VERSION = 1;

export function webhookBody(alert: Alert, context: AlertContext): Record<string, unknown> {
  return {
    version: WEBHOOK_VERSION,
    id: alert.eventId,
    type: alertEventType(alert),
    createdAt: alert.at.toISOString(),
    dedupKey: alert.dedupKey,
    severity: alert.severity,
    summary: alert.summary,
    test: alert.subject === 'test',
    dashboardUrl: context.dashboardUrl,
    discrepancy: alert.subject === 'discrepancy' ? discrepancyObject(alert) : null,
    health:
      alert.subject === 'health' ? { condition: alert.condition, since: alert.since.toISOString() } : null,
  };
}

function discrepancyObject(alert: Extract<Alert, { subject: 'discrepancy' }>) {
  const d = alert.discrepancy;
  const c = d.contract;
  return {
    id: d.id,
    type: d.type,
    severity: d.severity,
    status: d.status,
    account: d.account,
    contract: {
      conId: c.conId,
      symbol: c.symbol,
      secType: c.secType,
      currency: c.currency,
      localSymbol: c.localSymbol ?? null,
      expiry: c.expiry ?? null,
      strike: c.strike ?? null,
      right: c.right ?? null,
      multiplier: c.multiplier ?? null,
      description: contractText(alert),
    },
    brokerQuantity: d.brokerQuantity,
    storeQuantity: d.storeQuantity,
    difference: d.difference,
    message: d.message,
    note: d.note,
    firstSeenAt: d.firstSeenAt.toISOString(),
    lastSeenAt: d.lastSeenAt.toISOString(),
    acknowledgedAt: d.acknowledgedAt?.toISOString() ?? null,
    resolvedAt: d.resolvedAt?.toISOString() ?? null,
    runId: alert.runId,
  };
}
