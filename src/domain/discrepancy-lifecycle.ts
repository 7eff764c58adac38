import type { CaughtUpKey } from './catch-up.js';
import {
  type DetectedDiscrepancy,
  type Discrepancy,
  discrepancyKeyId,
  isActive,
  severityRank,
} from './discrepancy.js';
import type { DiscrepancyEvent } from './discrepancy-event.js';
import { DomainError } from './errors.js';
import { keyId, type PositionKey } from './position.js';

export interface DiscrepancyTransition {
  /** Every discrepancy whose stored state changes (events or not: lastSeenAt moves silently). */
  readonly changed: readonly Discrepancy[];
  readonly events: readonly DiscrepancyEvent[];
}

/**
 * Applies what a completed run detected to the active discrepancies. A detected discrepancy with no
 * active one for its key opens one; one that still holds refreshes `lastSeenAt`, and emits UPDATED
 * only when quantities, severity or message changed; a discrepancy the run no longer finds is
 * resolved. Discrepancies of deferred keys are left exactly as they were. A severity that rises
 * re-opens an acknowledged discrepancy: the person acknowledged something milder.
 *
 * Only call this for runs whose broker snapshot completed: an unavailable broker proves nothing.
 */
export function applyDetected(
  active: readonly Discrepancy[],
  detected: readonly DetectedDiscrepancy[],
  deferred: readonly PositionKey[],
  at: Date,
  newId: () => string,
): DiscrepancyTransition {
  const byKey = new Map(active.filter(isActive).map((i) => [discrepancyKeyId(i), i]));
  const deferredIds = new Set(deferred.map(keyId));
  const changed: Discrepancy[] = [];
  const events: DiscrepancyEvent[] = [];
  const seen = new Set<string>();

  for (const found of detected) {
    const id = discrepancyKeyId(found);
    seen.add(id);
    const current = byKey.get(id);
    if (!current) {
      const opened: Discrepancy = {
        ...observed(found),
        id: newId(),
        account: found.account,
        conId: found.conId,
        type: found.type,
        status: 'OPEN',
        firstSeenAt: at,
        lastSeenAt: at,
        acknowledgedAt: null,
        resolvedAt: null,
        caughtUpAt: null,
        note: null,
      };
      changed.push(opened);
      events.push({ kind: 'OPENED', discrepancy: opened, at });
      continue;
    }
    const material = materiallyDifferent(current, found);
    if (!material && current.lastSeenAt.getTime() >= at.getTime()) continue;
    const escalated = severityRank(found.severity) > severityRank(current.severity);
    const next: Discrepancy = {
      ...current,
      ...observed(found),
      status: escalated ? 'OPEN' : current.status,
      lastSeenAt: new Date(Math.max(at.getTime(), current.lastSeenAt.getTime())),
    };
    changed.push(next);
    if (material) events.push({ kind: 'UPDATED', discrepancy: next, at });
  }

  for (const [id, discrepancy] of byKey) {
    if (seen.has(id) || deferredIds.has(keyId(discrepancy))) continue;
    const resolved: Discrepancy = { ...discrepancy, status: 'RESOLVED', resolvedAt: at };
    changed.push(resolved);
    events.push({ kind: 'RESOLVED', discrepancy: resolved, at });
  }
  return { changed, events };
}

/**
 * Records what catch-ups changed (docs/reconciliation-rules.md §12): each key is a discrepancy opened
 * and resolved at once, with the catch-up's note. A discrepancy already active for the key and type
 * is the same discrepancy: it is resolved by the catch-up instead of a second one opening.
 */
export function applyCatchUps(
  active: readonly Discrepancy[],
  caughtUp: readonly CaughtUpKey[],
  at: Date,
  newId: () => string,
): DiscrepancyTransition {
  const byKey = new Map(active.filter(isActive).map((i) => [discrepancyKeyId(i), i]));
  const changed: Discrepancy[] = [];
  const events: DiscrepancyEvent[] = [];
  for (const key of caughtUp) {
    const current = byKey.get(discrepancyKeyId(key));
    const seen = {
      ...observed(key),
      caughtUpAt: key.caughtUpAt,
      note: key.note,
    };
    if (current === undefined) {
      const opened: Discrepancy = {
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
      events.push({ kind: 'OPENED', discrepancy: opened, at });
      const resolved: Discrepancy = { ...opened, status: 'RESOLVED', resolvedAt: at };
      changed.push(resolved);
      events.push({ kind: 'RESOLVED', discrepancy: resolved, at });
      continue;
    }
    byKey.delete(discrepancyKeyId(key));
    const resolved: Discrepancy = {
      ...current,
      ...seen,
      status: 'RESOLVED',
      lastSeenAt: key.caughtUpAt,
      resolvedAt: at,
    };
    changed.push(resolved);
    events.push({ kind: 'RESOLVED', discrepancy: resolved, at });
  }
  return { changed, events };
}

/** Discrepancies as they stand after a transition: the changed state of each replaces the old. */
export function afterTransition(
  active: readonly Discrepancy[],
  transition: DiscrepancyTransition,
): Discrepancy[] {
  const byId = new Map(active.map((i) => [i.id, i]));
  for (const discrepancy of transition.changed) byId.set(discrepancy.id, discrepancy);
  return [...byId.values()].filter(isActive);
}

/** A person has seen the discrepancy; it stays active until a run no longer finds it. */
export function acknowledge(discrepancy: Discrepancy, note: string | null, at: Date): DiscrepancyEvent {
  if (!isActive(discrepancy)) {
    throw new DomainError('CONFLICT', `discrepancy ${discrepancy.id} is already resolved`);
  }
  const next: Discrepancy = {
    ...discrepancy,
    status: 'ACKNOWLEDGED',
    acknowledgedAt: at,
    note: note ?? discrepancy.note,
  };
  return { kind: 'ACKNOWLEDGED', discrepancy: next, at };
}

/**
 * A person accepts the broker's view. The caller must also make the store agree (a corrective
 * MANUAL row), or the next run would open the discrepancy again.
 */
export function resolveByPerson(discrepancy: Discrepancy, note: string | null, at: Date): DiscrepancyEvent {
  if (!isActive(discrepancy)) {
    throw new DomainError('CONFLICT', `discrepancy ${discrepancy.id} is already resolved`);
  }
  const next: Discrepancy = {
    ...discrepancy,
    status: 'RESOLVED',
    resolvedAt: at,
    note: note ?? discrepancy.note,
  };
  return { kind: 'RESOLVED', discrepancy: next, at };
}

function observed(detected: DetectedDiscrepancy) {
  return {
    severity: detected.severity,
    contract: detected.contract,
    brokerQuantity: detected.brokerQuantity,
    storeQuantity: detected.storeQuantity,
    difference: detected.difference,
    storeUpdatedAt: detected.storeUpdatedAt,
    message: detected.message,
  };
}

function materiallyDifferent(discrepancy: Discrepancy, detected: DetectedDiscrepancy): boolean {
  return (
    discrepancy.severity !== detected.severity ||
    discrepancy.brokerQuantity !== detected.brokerQuantity ||
    discrepancy.storeQuantity !== detected.storeQuantity ||
    discrepancy.message !== detected.message
  );
}
