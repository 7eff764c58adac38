import { describe, expect, it } from 'vitest';
import type { DetectedDiscrepancy, Discrepancy } from '../../src/domain/discrepancy.js';
import { acknowledge, applyDetected, resolveByPerson } from '../../src/domain/discrepancy-lifecycle.js';
import { DomainError } from '../../src/domain/errors.js';
import { AAPL_230_P, SPY_600_C } from '../support/contracts.js';

const T0 = new Date('2026-11-25T15:00:00Z');
const T1 = new Date('2026-11-25T15:05:00Z');
const T2 = new Date('2026-11-25T15:10:00Z');
const ACCOUNT = 'DU111111';

function ids() {
  let n = 0;
  return () => `d-${++n}`;
}

const mismatch = (broker: number, store: number): DetectedDiscrepancy => ({
  account: ACCOUNT,
  conId: SPY_600_C.conId,
  type: 'POSITION_MISMATCH',
  severity: Math.sign(broker) !== Math.sign(store) ? 'CRITICAL' : 'WARNING',
  contract: SPY_600_C,
  brokerQuantity: broker,
  storeQuantity: store,
  difference: broker - store,
  storeUpdatedAt: T0,
  message: `Broker holds ${broker}, store holds ${store}`,
});

const naked: DetectedDiscrepancy = {
  account: ACCOUNT,
  conId: AAPL_230_P.conId,
  type: 'NAKED_POSITION',
  severity: 'CRITICAL',
  contract: AAPL_230_P,
  brokerQuantity: null,
  storeQuantity: -2,
  difference: 2,
  storeUpdatedAt: T0,
  message: 'Store holds -2 AAPL; the broker does not',
};

function only(discrepancies: readonly Discrepancy[]): Discrepancy {
  expect(discrepancies).toHaveLength(1);
  return discrepancies[0]!;
}

describe('discrepancy lifecycle', () => {
  it('a new detected opens a discrepancy with firstSeenAt and lastSeenAt at the run time', () => {
    const t = applyDetected([], [naked], [], T0, ids());
    expect(t.events.map((e) => e.kind)).toEqual(['OPENED']);
    expect(only(t.changed)).toMatchObject({
      id: 'd-1',
      status: 'OPEN',
      type: 'NAKED_POSITION',
      firstSeenAt: T0,
      lastSeenAt: T0,
      acknowledgedAt: null,
      resolvedAt: null,
    });
  });

  it('one discrepancy per (account, conId, kind): a detected discrepancy that persists advances lastSeenAt without an event', () => {
    const opened = applyDetected([], [naked], [], T0, ids());
    const again = applyDetected(opened.changed, [naked], [], T1, ids());
    expect(again.events).toEqual([]);
    const discrepancy = only(again.changed);
    expect(discrepancy.id).toBe('d-1');
    expect(discrepancy.firstSeenAt).toEqual(T0);
    expect(discrepancy.lastSeenAt).toEqual(T1);
  });

  it('a detected discrepancy whose quantities change emits UPDATED on the same discrepancy', () => {
    const opened = applyDetected([], [mismatch(5, 3)], [], T0, ids());
    const updated = applyDetected(opened.changed, [mismatch(6, 3)], [], T1, ids());
    expect(updated.events.map((e) => e.kind)).toEqual(['UPDATED']);
    expect(only(updated.changed)).toMatchObject({
      id: 'd-1',
      brokerQuantity: 6,
      difference: 3,
      lastSeenAt: T1,
    });
  });

  it('a discrepancy the next completed run no longer finds is RESOLVED', () => {
    const opened = applyDetected([], [naked, mismatch(5, 3)], [], T0, ids());
    const next = applyDetected(opened.changed, [mismatch(5, 3)], [], T1, ids());
    expect(next.events.map((e) => [e.kind, e.discrepancy.type])).toEqual([['RESOLVED', 'NAKED_POSITION']]);
    expect(next.changed.find((i) => i.type === 'NAKED_POSITION')).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: T1,
    });
  });

  it('discrepancies of deferred keys are left exactly as they were', () => {
    const opened = applyDetected([], [naked], [], T0, ids());
    const next = applyDetected(
      opened.changed,
      [],
      [{ account: ACCOUNT, conId: AAPL_230_P.conId }],
      T1,
      ids(),
    );
    expect(next.changed).toEqual([]);
    expect(next.events).toEqual([]);
  });

  it('a different kind on the same key is a different discrepancy', () => {
    const opened = applyDetected([], [mismatch(5, 3)], [], T0, ids());
    const stale: DetectedDiscrepancy = {
      ...mismatch(5, 5),
      type: 'STALE_DATA',
      severity: 'INFO',
      difference: 0,
    };
    const next = applyDetected(opened.changed, [stale], [], T1, () => 'd-2');
    expect(next.events.map((e) => [e.kind, e.discrepancy.type, e.discrepancy.id])).toEqual([
      ['OPENED', 'STALE_DATA', 'd-2'],
      ['RESOLVED', 'POSITION_MISMATCH', 'd-1'],
    ]);
  });

  it('acknowledging keeps the discrepancy active with a note; a later run keeps it acknowledged', () => {
    const opened = applyDetected([], [mismatch(5, 3)], [], T0, ids());
    const ack = acknowledge(only(opened.changed), 'checking with the desk', T1);
    expect(ack.kind).toBe('ACKNOWLEDGED');
    expect(ack.discrepancy).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedAt: T1,
      note: 'checking with the desk',
    });
    const next = applyDetected([ack.discrepancy], [mismatch(5, 3)], [], T2, ids());
    expect(only(next.changed).status).toBe('ACKNOWLEDGED');
  });

  it('a severity that rises re-opens an acknowledged discrepancy', () => {
    const opened = applyDetected([], [mismatch(5, 3)], [], T0, ids());
    const ack = acknowledge(only(opened.changed), null, T1);
    const flipped = applyDetected([ack.discrepancy], [mismatch(-2, 3)], [], T2, ids());
    expect(flipped.events.map((e) => e.kind)).toEqual(['UPDATED']);
    expect(only(flipped.changed)).toMatchObject({ status: 'OPEN', severity: 'CRITICAL' });
  });

  it('resolving by a person closes the discrepancy; acting on a resolved discrepancy is a CONFLICT', () => {
    const opened = applyDetected([], [naked], [], T0, ids());
    const resolved = resolveByPerson(only(opened.changed), 'broker is right', T1);
    expect(resolved.discrepancy).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: T1,
      note: 'broker is right',
    });
    expect(() => acknowledge(resolved.discrepancy, null, T2)).toThrow(DomainError);
    expect(() => resolveByPerson(resolved.discrepancy, null, T2)).toThrow(/already resolved/);
    // A resolved discrepancy is history: the same detected later opens a new one.
    const reopened = applyDetected([resolved.discrepancy], [naked], [], T2, () => 'd-2');
    expect(reopened.events.map((e) => [e.kind, e.discrepancy.id])).toEqual([['OPENED', 'd-2']]);
  });
});
