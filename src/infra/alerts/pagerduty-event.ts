import type { Alert, AlertKind } from '../../domain/alerts/alert.js';
import type { Severity } from '../../domain/discrepancy.js';
import { contractText } from './alert-details.js';
import type { AlertContext } from './alert-target.js';

/** PagerDuty Events API v2: one event, sent to `https://events.pagerduty.com/v2/enqueue`. */
export interface PagerDutyEvent {
  readonly routing_key: string;
  readonly event_action: 'trigger' | 'acknowledge' | 'resolve';
  readonly dedup_key: string;
  readonly payload?: {
    readonly summary: string;
    readonly source: string;
    readonly severity: 'critical' | 'error' | 'warning' | 'info';
    readonly timestamp: string;
    readonly component: string;
    readonly group?: string;
    readonly class: string;
    readonly custom_details: Readonly<Record<string, unknown>>;
  };
  readonly client: string;
  readonly client_url: string;
  readonly links?: readonly { readonly href: string; readonly text: string }[];
}

const ACTIONS: Record<AlertKind, PagerDutyEvent['event_action']> = {
  OPENED: 'trigger',
  // A trigger with the same dedup_key updates the open alert with the new severity and summary.
  SEVERITY_RAISED: 'trigger',
  ACKNOWLEDGED: 'acknowledge',
  RESOLVED: 'resolve',
};

const SEVERITIES: Record<Severity, 'critical' | 'warning' | 'info'> = {
  CRITICAL: 'critical',
  WARNING: 'warning',
  INFO: 'info',
};

/** PagerDuty's limits: a summary of 1,024 characters, a dedup_key of 255. */
const MAX_SUMMARY = 1024;

/**
 * The event for one alert. A trigger carries the payload; acknowledge and resolve need only the
 * dedup_key, which is the discrepancy id (or the health episode's), so one PagerDuty alert follows
 * one discrepancy through its life.
 */
export function pagerDutyEvent(alert: Alert, routingKey: string, context: AlertContext): PagerDutyEvent {
  const action = ACTIONS[alert.kind];
  const common = {
    routing_key: routingKey,
    event_action: action,
    dedup_key: alert.dedupKey,
    client: 'position-sentinel',
    client_url: context.dashboardUrl,
  };
  if (action !== 'trigger') return common;
  const summary =
    alert.summary.length > MAX_SUMMARY ? `${alert.summary.slice(0, MAX_SUMMARY - 1)}…` : alert.summary;
  return {
    ...common,
    payload: {
      summary,
      source: context.source,
      severity: SEVERITIES[alert.severity],
      timestamp: alert.at.toISOString(),
      component: 'position-sentinel',
      ...(alert.subject === 'discrepancy' ? { group: alert.discrepancy.account } : {}),
      class:
        alert.subject === 'discrepancy'
          ? alert.discrepancy.type
          : alert.subject === 'health'
            ? alert.condition
            : 'TEST',
      custom_details: customDetails(alert),
    },
    links: [{ href: context.dashboardUrl, text: 'position-sentinel dashboard' }],
  };
}

function customDetails(alert: Alert): Record<string, unknown> {
  if (alert.subject === 'discrepancy') {
    const d = alert.discrepancy;
    return {
      account: d.account,
      contract: contractText(alert),
      conId: d.conId,
      type: d.type,
      status: d.status,
      brokerQuantity: d.brokerQuantity,
      storeQuantity: d.storeQuantity,
      difference: d.difference,
      run: alert.runId,
      discrepancy: d.id,
      message: d.message,
      firstSeenAt: d.firstSeenAt.toISOString(),
    };
  }
  if (alert.subject === 'health') return { condition: alert.condition, since: alert.since.toISOString() };
  return { test: true };
}
