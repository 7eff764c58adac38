import { describeContract } from '../contract.js';
import type { Discrepancy } from '../discrepancy.js';
import { type DiscrepancyType, type Severity, severityRank } from '../discrepancy.js';
import type { RecordedDiscrepancyEvent } from '../discrepancy-event.js';

/**
 * What a receiver is told about a subject, in the order of its life. A discrepancy is OPENED, may
 * have its severity raised or be ACKNOWLEDGED, and is RESOLVED; a health condition is OPENED and
 * RESOLVED. An UPDATED event that does not raise the severity is not an alert: a person paged for a
 * warning is not paged again because a quantity moved.
 */
export type AlertKind = 'OPENED' | 'SEVERITY_RAISED' | 'ACKNOWLEDGED' | 'RESOLVED';

/** The sentinel's own health, watched as conditions with the same lifecycle as a discrepancy. */
export type HealthConditionName = 'BROKER_UNAVAILABLE' | 'STORE_WRITES_FAILING' | 'NO_VERIFIED_RUN';
export const HEALTH_CONDITION_NAMES: readonly HealthConditionName[] = [
  'BROKER_UNAVAILABLE',
  'STORE_WRITES_FAILING',
  'NO_VERIFIED_RUN',
];

interface AlertCommon {
  /** Unique per alert and stable across restarts: receivers drop a second copy by it. */
  readonly eventId: string;
  /** The same for every alert of one subject: the discrepancy id, or the health episode's id. */
  readonly dedupKey: string;
  readonly kind: AlertKind;
  readonly severity: Severity;
  readonly at: Date;
  /** One readable line. */
  readonly summary: string;
}

export interface DiscrepancyAlert extends AlertCommon {
  readonly subject: 'discrepancy';
  /** The discrepancy as the change left it. */
  readonly discrepancy: Discrepancy;
  /** The run that made the change; null for a person's change. */
  readonly runId: string | null;
}

export interface HealthAlert extends AlertCommon {
  readonly subject: 'health';
  readonly condition: HealthConditionName;
  /** When the condition started to hold (not when it crossed its threshold). */
  readonly since: Date;
}

/** A clearly marked alert an operator sends to check that a route reaches someone. */
export interface TestAlert extends AlertCommon {
  readonly subject: 'test';
}

export type Alert = DiscrepancyAlert | HealthAlert | TestAlert;

/** What a route's `type` filter compares: the discrepancy's type or the condition's name. */
export function alertType(alert: DiscrepancyAlert | HealthAlert): DiscrepancyType | HealthConditionName {
  return alert.subject === 'discrepancy' ? alert.discrepancy.type : alert.condition;
}

const KIND_WORDS: Record<AlertKind, string> = {
  OPENED: 'opened',
  SEVERITY_RAISED: 'raised',
  ACKNOWLEDGED: 'acknowledged',
  RESOLVED: 'resolved',
};

/**
 * The alert a discrepancy event makes, if any. `before` is the discrepancy as it was before the
 * event (needed to tell a raised severity from another update). The event id is the discrepancy id
 * and the event's sequence, both stored, so a restart that sends again sends the same id.
 */
export function discrepancyAlert(
  event: RecordedDiscrepancyEvent,
  before: Discrepancy | undefined,
  runId: string | null,
): DiscrepancyAlert | undefined {
  const d = event.discrepancy;
  let kind: AlertKind;
  if (event.kind === 'UPDATED') {
    if (before === undefined || severityRank(d.severity) <= severityRank(before.severity)) return undefined;
    kind = 'SEVERITY_RAISED';
  } else {
    kind = event.kind;
  }
  const quantities = `broker ${d.brokerQuantity ?? 'none'}, store ${d.storeQuantity ?? 'none'}`;
  return {
    subject: 'discrepancy',
    eventId: `${d.id}:${event.sequence}`,
    dedupKey: d.id,
    kind,
    severity: d.severity,
    at: event.at,
    summary: `${d.severity} ${d.type} ${KIND_WORDS[kind]}: ${d.account} ${describeContract(d.contract)} (${quantities})`,
    discrepancy: d,
    runId,
  };
}

const CONDITION_WORDS: Record<HealthConditionName, { readonly opened: string; readonly resolved: string }> = {
  BROKER_UNAVAILABLE: { opened: 'the broker is unavailable', resolved: 'the broker is available again' },
  STORE_WRITES_FAILING: {
    opened: "the store's writes are failing",
    resolved: "the store's writes succeed again",
  },
  NO_VERIFIED_RUN: {
    opened: 'no reconciliation run has compared the store with the broker',
    resolved: 'a reconciliation run compared the store with the broker again',
  },
};

/** Severities of the conditions: the store failing or no comparison at all is as bad as it gets. */
export const HEALTH_SEVERITY: Record<HealthConditionName, Severity> = {
  // The nightly TWS restart passes through here: the grace period absorbs it, and two intervals
  // without a comparison (NO_VERIFIED_RUN) is what turns a long outage critical.
  BROKER_UNAVAILABLE: 'WARNING',
  STORE_WRITES_FAILING: 'CRITICAL',
  NO_VERIFIED_RUN: 'CRITICAL',
};

/** One episode of a condition: from the moment it started to hold until it no longer does. */
export function healthAlert(
  condition: HealthConditionName,
  kind: 'OPENED' | 'RESOLVED',
  since: Date,
  at: Date,
): HealthAlert {
  const dedupKey = `health:${condition}:${since.getTime()}`;
  const minutes = Math.round((at.getTime() - since.getTime()) / 60_000);
  const words = CONDITION_WORDS[condition];
  const summary =
    kind === 'OPENED'
      ? `${HEALTH_SEVERITY[condition]} position-sentinel: ${words.opened} (since ${since.toISOString()})`
      : `position-sentinel: ${words.resolved} (after ${minutes} min)`;
  return {
    subject: 'health',
    eventId: `${dedupKey}:${kind}`,
    dedupKey,
    kind,
    severity: HEALTH_SEVERITY[condition],
    at,
    summary,
    condition,
    since,
  };
}

/** A test alert, opened and never followed up: a receiver should show it and need nothing else. */
export function testAlert(id: string, at: Date): TestAlert {
  return {
    subject: 'test',
    eventId: `test:${id}`,
    dedupKey: `test:${id}`,
    kind: 'OPENED',
    severity: 'INFO',
    at,
    summary: 'TEST alert from position-sentinel: this route reaches you; nothing is wrong',
  };
}
