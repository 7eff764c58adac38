import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/discrepancy.js';
import { DomainError } from '../../src/domain/errors.js';
import { acknowledge, applyFindings, type Incident, resolveByPerson } from '../../src/domain/incident.js';
import { AAPL_230_P, SPY_600_C } from '../support/contracts.js';

const T0 = new Date('2026-11-25T15:00:00Z');
const T1 = new Date('2026-11-25T15:05:00Z');
const T2 = new Date('2026-11-25T15:10:00Z');
const ACCOUNT = 'DU111111';

function ids() {
  let n = 0;
  return () => `d-${++n}`;
}

const mismatch = (broker: number, store: number): Finding => ({
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

const naked: Finding = {
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

function only(incidents: readonly Incident[]): Incident {
  expect(incidents).toHaveLength(1);
  return incidents[0]!;
}

describe('incident lifecycle', () => {
  it('a new finding opens an incident with firstSeenAt and lastSeenAt at the run time', () => {
    const t = applyFindings([], [naked], [], T0, ids());
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

  it('one incident per (account, conId, kind): a finding that persists advances lastSeenAt without an event', () => {
    const opened = applyFindings([], [naked], [], T0, ids());
    const again = applyFindings(opened.changed, [naked], [], T1, ids());
    expect(again.events).toEqual([]);
    const incident = only(again.changed);
    expect(incident.id).toBe('d-1');
    expect(incident.firstSeenAt).toEqual(T0);
    expect(incident.lastSeenAt).toEqual(T1);
  });

  it('a finding whose quantities change emits UPDATED on the same incident', () => {
    const opened = applyFindings([], [mismatch(5, 3)], [], T0, ids());
    const updated = applyFindings(opened.changed, [mismatch(6, 3)], [], T1, ids());
    expect(updated.events.map((e) => e.kind)).toEqual(['UPDATED']);
    expect(only(updated.changed)).toMatchObject({
      id: 'd-1',
      brokerQuantity: 6,
      difference: 3,
      lastSeenAt: T1,
    });
  });

  it('an incident the next completed run no longer finds is RESOLVED', () => {
    const opened = applyFindings([], [naked, mismatch(5, 3)], [], T0, ids());
    const next = applyFindings(opened.changed, [mismatch(5, 3)], [], T1, ids());
    expect(next.events.map((e) => [e.kind, e.incident.type])).toEqual([['RESOLVED', 'NAKED_POSITION']]);
    expect(next.changed.find((i) => i.type === 'NAKED_POSITION')).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: T1,
    });
  });

  it('incidents of deferred keys are left exactly as they were', () => {
    const opened = applyFindings([], [naked], [], T0, ids());
    const next = applyFindings(
      opened.changed,
      [],
      [{ account: ACCOUNT, conId: AAPL_230_P.conId }],
      T1,
      ids(),
    );
    expect(next.changed).toEqual([]);
    expect(next.events).toEqual([]);
  });

  it('a different kind on the same key is a different incident', () => {
    const opened = applyFindings([], [mismatch(5, 3)], [], T0, ids());
    const stale: Finding = { ...mismatch(5, 5), type: 'STALE_DATA', severity: 'INFO', difference: 0 };
    const next = applyFindings(opened.changed, [stale], [], T1, () => 'd-2');
    expect(next.events.map((e) => [e.kind, e.incident.type, e.incident.id])).toEqual([
      ['OPENED', 'STALE_DATA', 'd-2'],
      ['RESOLVED', 'POSITION_MISMATCH', 'd-1'],
    ]);
  });

  it('acknowledging keeps the incident active with a note; a later run keeps it acknowledged', () => {
    const opened = applyFindings([], [mismatch(5, 3)], [], T0, ids());
    const ack = acknowledge(only(opened.changed), 'checking with the desk', T1);
    expect(ack.kind).toBe('ACKNOWLEDGED');
    expect(ack.incident).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedAt: T1,
      note: 'checking with the desk',
    });
    const next = applyFindings([ack.incident], [mismatch(5, 3)], [], T2, ids());
    expect(only(next.changed).status).toBe('ACKNOWLEDGED');
  });

  it('a severity that rises re-opens an acknowledged incident', () => {
    const opened = applyFindings([], [mismatch(5, 3)], [], T0, ids());
    const ack = acknowledge(only(opened.changed), null, T1);
    const flipped = applyFindings([ack.incident], [mismatch(-2, 3)], [], T2, ids());
    expect(flipped.events.map((e) => e.kind)).toEqual(['UPDATED']);
    expect(only(flipped.changed)).toMatchObject({ status: 'OPEN', severity: 'CRITICAL' });
  });

  it('resolving by a person closes the incident; acting on a resolved incident is a CONFLICT', () => {
    const opened = applyFindings([], [naked], [], T0, ids());
    const resolved = resolveByPerson(only(opened.changed), 'broker is right', T1);
    expect(resolved.incident).toMatchObject({ status: 'RESOLVED', resolvedAt: T1, note: 'broker is right' });
    expect(() => acknowledge(resolved.incident, null, T2)).toThrow(DomainError);
    expect(() => resolveByPerson(resolved.incident, null, T2)).toThrow(/already resolved/);
    // A resolved incident is history: the same finding later opens a new one.
    const reopened = applyFindings([resolved.incident], [naked], [], T2, () => 'd-2');
    expect(reopened.events.map((e) => [e.kind, e.incident.id])).toEqual([['OPENED', 'd-2']]);
  });
});
