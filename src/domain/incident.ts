import type { CaughtUpKey } from './catch-up.js';
import type { Contract } from './contract.js';
import {
  type DiscrepancyType,
  type Finding,
  incidentKeyId,
  type Severity,
  severityRank,
} from './discrepancy.js';
import { DomainError } from './errors.js';
import { keyId, type PositionKey } from './position.js';

export type IncidentStatus = 'OPEN' | 'ACKNOWLEDGED' | 'RESOLVED';
export type IncidentEventKind = 'OPENED' | 'UPDATED' | 'ACKNOWLEDGED' | 'RESOLVED';

/** A discrepancy as it lives across runs: one per (account, conId, type) while it persists. */
export interface Incident extends PositionKey {
  readonly id: string;
  readonly type: DiscrepancyType;
  readonly severity: Severity;
  readonly status: IncidentStatus;
  readonly contract: Contract;
  readonly brokerQuantity: number | null;
  readonly storeQuantity: number | null;
  readonly difference: number;
  readonly storeUpdatedAt: Date | null;
  /**
   * When a catch-up applied the broker's starting list to this key (docs/reconciliation-rules.md
   * §12): the store was behind from storeUpdatedAt until then. Null for a discrepancy a run found.
   */
  readonly caughtUpAt: Date | null;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly note: string | null;
  readonly message: string;
}

export interface IncidentEvent {
  readonly kind: IncidentEventKind;
  readonly incident: Incident;
  readonly at: Date;
}

export interface IncidentTransition {
  /** Every incident whose stored state changes (events or not: lastSeenAt moves silently). */
  readonly changed: readonly Incident[];
  readonly events: readonly IncidentEvent[];
}

export function isActive(incident: Incident): boolean {
  return incident.status !== 'RESOLVED';
}

/**
 * Applies a completed run's findings to the active incidents. A finding with no incident opens
 * one; a finding that still holds refreshes `lastSeenAt`, and emits UPDATED only when quantities,
 * severity or message changed; an incident the run no longer finds is resolved. Incidents of
 * deferred keys are left exactly as they were. A severity that rises re-opens an acknowledged
 * incident: the person acknowledged something milder.
 *
 * Only call this for runs whose broker snapshot completed: an unavailable broker proves nothing.
 */
export function applyFindings(
  active: readonly Incident[],
  findings: readonly Finding[],
  deferred: readonly PositionKey[],
  at: Date,
  newId: () => string,
): IncidentTransition {
  const byKey = new Map(active.filter(isActive).map((i) => [incidentKeyId(i), i]));
  const deferredIds = new Set(deferred.map(keyId));
  const changed: Incident[] = [];
  const events: IncidentEvent[] = [];
  const seen = new Set<string>();

  for (const finding of findings) {
    const id = incidentKeyId(finding);
    seen.add(id);
    const current = byKey.get(id);
    if (!current) {
      const opened: Incident = {
        ...observed(finding),
        id: newId(),
        account: finding.account,
        conId: finding.conId,
        type: finding.type,
        status: 'OPEN',
        firstSeenAt: at,
        lastSeenAt: at,
        acknowledgedAt: null,
        resolvedAt: null,
        caughtUpAt: null,
        note: null,
      };
      changed.push(opened);
      events.push({ kind: 'OPENED', incident: opened, at });
      continue;
    }
    const material = materiallyDifferent(current, finding);
    if (!material && current.lastSeenAt.getTime() >= at.getTime()) continue;
    const escalated = severityRank(finding.severity) > severityRank(current.severity);
    const next: Incident = {
      ...current,
      ...observed(finding),
      status: escalated ? 'OPEN' : current.status,
      lastSeenAt: new Date(Math.max(at.getTime(), current.lastSeenAt.getTime())),
    };
    changed.push(next);
    if (material) events.push({ kind: 'UPDATED', incident: next, at });
  }

  for (const [id, incident] of byKey) {
    if (seen.has(id) || deferredIds.has(keyId(incident))) continue;
    const resolved: Incident = { ...incident, status: 'RESOLVED', resolvedAt: at };
    changed.push(resolved);
    events.push({ kind: 'RESOLVED', incident: resolved, at });
  }
  return { changed, events };
}

/**
 * Records what catch-ups changed (docs/reconciliation-rules.md §12): each key is an incident opened
 * and resolved at once, with the catch-up's note. An incident already active for the key and type
 * is the same discrepancy: it is resolved by the catch-up instead of a second one opening.
 */
export function applyCatchUps(
  active: readonly Incident[],
  caughtUp: readonly CaughtUpKey[],
  at: Date,
  newId: () => string,
): IncidentTransition {
  const byKey = new Map(active.filter(isActive).map((i) => [incidentKeyId(i), i]));
  const changed: Incident[] = [];
  const events: IncidentEvent[] = [];
  for (const key of caughtUp) {
    const current = byKey.get(incidentKeyId(key));
    const seen = {
      ...observed(key),
      caughtUpAt: key.caughtUpAt,
      note: key.note,
    };
    if (current === undefined) {
      const opened: Incident = {
        ...seen,
        id: newId(),
        account: key.account,
        conId: key.conId,
        type: key.type,
        status: 'OPEN',
        firstSeenAt: key.caughtUpAt,
        lastSeenAt: key.caughtUpAt,
        acknowledgedAt: null,
        resolvedAt: null,
      };
      events.push({ kind: 'OPENED', incident: opened, at });
      const resolved: Incident = { ...opened, status: 'RESOLVED', resolvedAt: at };
      changed.push(resolved);
      events.push({ kind: 'RESOLVED', incident: resolved, at });
      continue;
    }
    byKey.delete(incidentKeyId(key));
    const resolved: Incident = {
      ...current,
      ...seen,
      status: 'RESOLVED',
      lastSeenAt: key.caughtUpAt,
      resolvedAt: at,
    };
    changed.push(resolved);
    events.push({ kind: 'RESOLVED', incident: resolved, at });
  }
  return { changed, events };
}

/** Incidents as they stand after a transition: the changed state of each replaces the old. */
export function afterTransition(active: readonly Incident[], transition: IncidentTransition): Incident[] {
  const byId = new Map(active.map((i) => [i.id, i]));
  for (const incident of transition.changed) byId.set(incident.id, incident);
  return [...byId.values()].filter(isActive);
}

/** A person has seen the incident; it stays active until a run no longer finds it. */
export function acknowledge(incident: Incident, note: string | null, at: Date): IncidentEvent {
  if (!isActive(incident)) {
    throw new DomainError('CONFLICT', `discrepancy ${incident.id} is already resolved`);
  }
  const next: Incident = {
    ...incident,
    status: 'ACKNOWLEDGED',
    acknowledgedAt: at,
    note: note ?? incident.note,
  };
  return { kind: 'ACKNOWLEDGED', incident: next, at };
}

/**
 * A person accepts the broker's view. The caller must also make the store agree (a corrective
 * MANUAL row), or the next run would open the incident again.
 */
export function resolveByPerson(incident: Incident, note: string | null, at: Date): IncidentEvent {
  if (!isActive(incident)) {
    throw new DomainError('CONFLICT', `discrepancy ${incident.id} is already resolved`);
  }
  const next: Incident = { ...incident, status: 'RESOLVED', resolvedAt: at, note: note ?? incident.note };
  return { kind: 'RESOLVED', incident: next, at };
}

function observed(finding: Finding) {
  return {
    severity: finding.severity,
    contract: finding.contract,
    brokerQuantity: finding.brokerQuantity,
    storeQuantity: finding.storeQuantity,
    difference: finding.difference,
    storeUpdatedAt: finding.storeUpdatedAt,
    message: finding.message,
  };
}

function materiallyDifferent(incident: Incident, finding: Finding): boolean {
  return (
    incident.severity !== finding.severity ||
    incident.brokerQuantity !== finding.brokerQuantity ||
    incident.storeQuantity !== finding.storeQuantity ||
    incident.message !== finding.message
  );
}

/** An incident event once persisted: its sequence is the cursor subscribers resume after. */
export interface RecordedIncidentEvent extends IncidentEvent {
  readonly sequence: number;
}
