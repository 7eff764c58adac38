import type { Discrepancy } from '../../src/domain/discrepancy.js';
import type { DiscrepancyEventKind, RecordedDiscrepancyEvent } from '../../src/domain/discrepancy-event.js';
import { AAPL_230_P, SPY_600_C } from './contracts.js';

const T0 = new Date('2026-11-25T15:00:00Z');

/** A naked position in DU111111, as a run opens it; override what a test is about. */
export function nakedDiscrepancy(overrides: Partial<Discrepancy> = {}): Discrepancy {
  return {
    id: 'd-naked-1',
    account: 'DU111111',
    conId: AAPL_230_P.conId,
    type: 'NAKED_POSITION',
    severity: 'CRITICAL',
    status: 'OPEN',
    contract: AAPL_230_P,
    brokerQuantity: null,
    storeQuantity: -2,
    difference: 2,
    storeUpdatedAt: T0,
    firstSeenAt: T0,
    lastSeenAt: T0,
    acknowledgedAt: null,
    resolvedAt: null,
    note: null,
    caughtUpAt: null,
    message: 'Store holds -2 AAPL 2027-01-15 230 P in DU111111; the broker does not',
    ...overrides,
  };
}

/** A warning mismatch in DU222222 (3 held by the broker, 2 by the store). */
export function mismatchDiscrepancy(overrides: Partial<Discrepancy> = {}): Discrepancy {
  return {
    ...nakedDiscrepancy(),
    id: 'd-mismatch-1',
    account: 'DU222222',
    conId: SPY_600_C.conId,
    type: 'POSITION_MISMATCH',
    severity: 'WARNING',
    contract: SPY_600_C,
    brokerQuantity: 3,
    storeQuantity: 2,
    difference: 1,
    message: 'Broker holds 3 SPY 2026-12-18 600 C in DU222222, store holds 2',
    ...overrides,
  };
}

export function recorded(
  kind: DiscrepancyEventKind,
  discrepancy: Discrepancy,
  sequence: number,
  at: Date = discrepancy.lastSeenAt,
): RecordedDiscrepancyEvent {
  return { kind, discrepancy, sequence, at };
}
