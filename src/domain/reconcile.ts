import type { BrokerPosition, BrokerView } from './broker-view.js';
import { describeContract } from './contract.js';
import { type DetectedDiscrepancy, DISCREPANCY_TYPES } from './discrepancy.js';
import { hasExpired } from './option-expiry.js';
import { compareKeys, isOpen, keyId, type Position, type PositionKey } from './position.js';
import { type QuantityTolerance, quantitiesAgree } from './quantity-tolerance.js';
import { type ReconciliationSummary, summarize } from './reconciliation-summary.js';
import type { SecurityTypeFilter } from './security-type-filter.js';

/** The configurable rules (docs/reconciliation-rules.md §3–§7). */
export interface ReconcileRules {
  readonly securityTypes: SecurityTypeFilter;
  readonly tolerance: QuantityTolerance;
  /** A key whose store row is older than this (and agrees with the broker) is STALE_DATA. */
  readonly staleAfterMs: number;
  /** A key that changed on the live stream this close to the snapshot is re-checked next run. */
  readonly quietWindowMs: number;
}

export interface ReconcileInput {
  readonly broker: BrokerView;
  /** The store's latest row per key, buffered updates included. */
  readonly store: readonly Position[];
  readonly now: Date;
  /** When each key (by {@link keyId}) last changed on the live stream. */
  readonly streamActivity: ReadonlyMap<string, Date>;
  /**
   * The account whose portfolio feed refreshes every few minutes. Only its rows can be stale:
   * elsewhere the broker sends nothing until a position changes, so an old row is normal.
   */
  readonly portfolioAccount?: string | undefined;
}

export interface ReconcileOutcome extends ReconciliationSummary {
  readonly status: 'CLEAN' | 'DISCREPANCIES' | 'BROKER_UNAVAILABLE';
  readonly brokerPositionCount: number;
  readonly storePositionCount: number;
  readonly detected: readonly DetectedDiscrepancy[];
  /** Open store options past expiry that the broker no longer reports: to be closed as EXPIRY. */
  readonly expired: readonly Position[];
  /** Keys that moved on the stream within the quiet window: judged on the next run instead. */
  readonly deferred: readonly PositionKey[];
  /** Keys both sides hold with quantities that agree (STALE_DATA included): verified by this run. */
  readonly agreed: readonly PositionKey[];
  readonly unavailableReason?: string;
}

/**
 * Compares the broker's completed snapshot with the store's latest state per key
 * (docs/reconciliation-rules.md §1–§7).
 * Pure: the same input always gives the same outcome, whatever the order of its rows.
 */
export function reconcile(input: ReconcileInput, rules: ReconcileRules): ReconcileOutcome {
  const storeOpen = latestOpenStoreRows(input.store, rules.securityTypes);
  if (!input.broker.complete) {
    const reason = input.broker.reason;
    return {
      status: 'BROKER_UNAVAILABLE',
      brokerPositionCount: 0,
      storePositionCount: storeOpen.size,
      detected: [],
      expired: [],
      deferred: [],
      agreed: [],
      unavailableReason: reason,
      ...summarize('BROKER_UNAVAILABLE', 0, storeOpen.size, [], reason),
    };
  }

  const brokerHeld = heldBrokerRows(input.broker.positions, rules.securityTypes);
  const quietSince = input.broker.startedAt.getTime() - rules.quietWindowMs;
  const detected: DetectedDiscrepancy[] = [];
  const expired: Position[] = [];
  const deferred: PositionKey[] = [];
  const agreed: PositionKey[] = [];

  const ids = [...new Set([...brokerHeld.keys(), ...storeOpen.keys()])];
  for (const id of ids) {
    const broker = brokerHeld.get(id);
    const store = storeOpen.get(id);
    const key = (broker ?? store) as PositionKey;
    const activity = input.streamActivity.get(id);
    if (activity !== undefined && activity.getTime() >= quietSince) {
      deferred.push({ account: key.account, conId: key.conId });
      continue;
    }
    if (broker && !store) {
      detected.push(missingFromStore(broker));
    } else if (store && !broker) {
      if (hasExpired(store.contract, input.now)) expired.push(store);
      else detected.push(nakedPosition(store));
    } else if (broker && store) {
      if (!quantitiesAgree(broker.quantity, store.quantity, rules.tolerance)) {
        detected.push(positionMismatch(broker, store));
        continue;
      }
      agreed.push({ account: key.account, conId: key.conId });
      if (
        store.account === input.portfolioAccount &&
        input.now.getTime() - store.updatedAt.getTime() > rules.staleAfterMs
      ) {
        detected.push(staleData(broker, store));
      }
    }
  }

  detected.sort(
    (a, b) => compareKeys(a, b) || DISCREPANCY_TYPES.indexOf(a.type) - DISCREPANCY_TYPES.indexOf(b.type),
  );
  expired.sort(compareKeys);
  deferred.sort(compareKeys);
  agreed.sort(compareKeys);
  const status = detected.length > 0 ? 'DISCREPANCIES' : 'CLEAN';
  return {
    status,
    brokerPositionCount: brokerHeld.size,
    storePositionCount: storeOpen.size,
    detected,
    expired,
    deferred,
    agreed,
    ...summarize(status, brokerHeld.size, storeOpen.size, detected),
  };
}

/** The store's open rows per key; if a key appears twice, its most recent row counts. */
function latestOpenStoreRows(rows: readonly Position[], filter: SecurityTypeFilter): Map<string, Position> {
  const latest = new Map<string, Position>();
  for (const row of rows) {
    if (!filter.matches(row.contract.secType)) continue;
    const id = keyId(row);
    const seen = latest.get(id);
    if (!seen || row.updatedAt.getTime() > seen.updatedAt.getTime()) latest.set(id, row);
  }
  for (const [id, row] of latest) if (!isOpen(row)) latest.delete(id);
  return latest;
}

function heldBrokerRows(
  rows: readonly BrokerPosition[],
  filter: SecurityTypeFilter,
): Map<string, BrokerPosition> {
  const held = new Map<string, BrokerPosition>();
  for (const row of rows) {
    if (!filter.matches(row.contract.secType)) continue;
    // The broker sends one row per key; a later row for the same key replaces an earlier one.
    held.set(keyId(row), row);
  }
  for (const [id, row] of held) if (!isOpen(row)) held.delete(id);
  return held;
}

function missingFromStore(broker: BrokerPosition): DetectedDiscrepancy {
  return {
    account: broker.account,
    conId: broker.conId,
    type: 'MISSING_FROM_STORE',
    severity: 'WARNING',
    contract: broker.contract,
    brokerQuantity: broker.quantity,
    storeQuantity: null,
    difference: broker.quantity,
    storeUpdatedAt: null,
    message: `Broker holds ${broker.quantity} ${describeContract(broker.contract)} in ${broker.account}; the store has no open position`,
  };
}

function nakedPosition(store: Position): DetectedDiscrepancy {
  return {
    account: store.account,
    conId: store.conId,
    type: 'NAKED_POSITION',
    severity: 'CRITICAL',
    contract: store.contract,
    brokerQuantity: null,
    storeQuantity: store.quantity,
    difference: -store.quantity,
    storeUpdatedAt: store.updatedAt,
    message: `Store holds ${store.quantity} ${describeContract(store.contract)} in ${store.account}; the broker does not`,
  };
}

function positionMismatch(broker: BrokerPosition, store: Position): DetectedDiscrepancy {
  const flipped = Math.sign(broker.quantity) !== Math.sign(store.quantity);
  return {
    account: broker.account,
    conId: broker.conId,
    type: 'POSITION_MISMATCH',
    severity: flipped ? 'CRITICAL' : 'WARNING',
    contract: broker.contract,
    brokerQuantity: broker.quantity,
    storeQuantity: store.quantity,
    difference: broker.quantity - store.quantity,
    storeUpdatedAt: store.updatedAt,
    message:
      `Broker holds ${broker.quantity}, store holds ${store.quantity} ${describeContract(broker.contract)} in ${broker.account}` +
      (flipped ? ' (long and short reversed)' : ''),
  };
}

function staleData(broker: BrokerPosition, store: Position): DetectedDiscrepancy {
  return {
    account: store.account,
    conId: store.conId,
    type: 'STALE_DATA',
    severity: 'INFO',
    contract: broker.contract,
    brokerQuantity: broker.quantity,
    storeQuantity: store.quantity,
    difference: broker.quantity - store.quantity,
    storeUpdatedAt: store.updatedAt,
    message: `Store's ${describeContract(store.contract)} in ${store.account} has not been updated since ${store.updatedAt.toISOString()}`,
  };
}
