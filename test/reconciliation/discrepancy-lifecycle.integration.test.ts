import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordedDiscrepancyEvent } from '../../src/domain/discrepancy-event.js';
import { AAPL_230_P, SPY_550_P, SPY_600_C } from '../support/contracts.js';
import { MAIN, OTHER } from '../support/standard-book.js';
import { type RecordedCore, TEST_FLAGS, useReconciliationHarness } from './support/reconciliation-harness.js';

const h = useReconciliationHarness();
let s: RecordedCore;
beforeEach(async () => {
  s = await h.connected();
});

/** What a subscriber saw, in the form the file keeps it. */
function summary(events: readonly RecordedDiscrepancyEvent[]) {
  return events.map((e) => ({
    sequence: e.sequence,
    kind: e.kind,
    id: e.discrepancy.id,
    status: e.discrepancy.status,
    brokerQuantity: e.discrepancy.brokerQuantity,
    at: e.at.toISOString(),
  }));
}

async function persistedEvents() {
  return summary(await s.core.store.ledger.discrepancyEventsAfter(0));
}

describe('one discrepancy per (account, conId, kind) while it persists', () => {
  it('consecutive runs keep one discrepancy, advancing lastSeenAt; a change of quantities is an UPDATE', async () => {
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
    const first = await s.service.reconcile();
    const [opened] = await s.discrepanciesOfRun(first);
    expect(opened).toMatchObject({
      status: 'OPEN',
      firstSeenAt: first.finishedAt,
      lastSeenAt: first.finishedAt,
    });

    h.clock.advance(1_000);
    const second = await s.service.reconcile();
    expect(second.discrepancyIds).toEqual([opened!.id]);
    const [seenAgain] = await s.discrepanciesOfRun(second);
    expect(seenAgain).toEqual({ ...opened, lastSeenAt: second.finishedAt });
    expect(s.discrepancyEvents.map((e) => e.kind)).toEqual(['OPENED']);

    h.clock.advance(1_000);
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 6);
    const third = await s.service.reconcile();
    expect(third.discrepancyIds).toEqual([opened!.id]);
    expect(await s.activeDiscrepancies()).toMatchObject([
      { id: opened!.id, brokerQuantity: 6, storeQuantity: 3, difference: 3, firstSeenAt: first.finishedAt },
    ]);
    expect(s.discrepancyEvents.map((e) => e.kind)).toEqual(['OPENED', 'UPDATED']);
    expect(await persistedEvents()).toEqual(summary(s.discrepancyEvents));
  });

  it('acknowledged by a person, it stays acknowledged through later runs; resolving it writes a MANUAL row and the next run finds nothing', async () => {
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
    const [discrepancy] = await s.discrepanciesOfRun(await s.service.reconcile());

    h.clock.advance(1_000);
    const acknowledged = await s.service.acknowledge(discrepancy!.id, 'fill confirmed by the desk');
    expect(acknowledged).toMatchObject({
      status: 'ACKNOWLEDGED',
      note: 'fill confirmed by the desk',
      acknowledgedAt: h.clock.now(),
    });
    h.clock.advance(1_000);
    await s.service.reconcile();
    expect(await s.core.store.ledger.discrepancy(discrepancy!.id)).toMatchObject({
      status: 'ACKNOWLEDGED',
    });

    h.clock.advance(1_000);
    const resolved = await s.service.resolve(discrepancy!.id, 'accepting the broker');
    expect(resolved).toMatchObject({
      status: 'RESOLVED',
      note: 'accepting the broker',
      resolvedAt: h.clock.now(),
    });
    expect(s.stored(OTHER, AAPL_230_P.conId)).toMatchObject({ quantity: 5, source: 'MANUAL' });
    expect(await s.storedInFile(OTHER, AAPL_230_P.conId)).toEqual({ quantity: 5, source: 'MANUAL' });

    const after = await s.service.reconcile();
    expect(after).toMatchObject({ status: 'CLEAN', deferredCount: 0 });
    expect(await s.activeDiscrepancies()).toEqual([]);
    expect(s.discrepancyEvents.map((e) => e.kind)).toEqual(['OPENED', 'ACKNOWLEDGED', 'RESOLVED']);
    expect(await persistedEvents()).toEqual(summary(s.discrepancyEvents));
  });

  it('resolving a NAKED position by a person closes it in the store with a MANUAL row of 0', async () => {
    h.sim.remove(MAIN, SPY_600_C.conId, { silent: true });
    const [naked] = await s.discrepanciesOfRun(await s.service.reconcile());
    expect(naked).toMatchObject({ type: 'NAKED_POSITION' });
    await s.service.resolve(naked!.id, null);
    expect(await s.storedInFile(MAIN, SPY_600_C.conId)).toEqual({ quantity: 0, source: 'MANUAL' });
    expect(await s.service.reconcile()).toMatchObject({ status: 'CLEAN', storePositionCount: 3 });
  });

  it('a discrepancy a completed run no longer finds is RESOLVED by that run', async () => {
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
    const [discrepancy] = await s.discrepanciesOfRun(await s.service.reconcile());
    h.sim.change(OTHER, AAPL_230_P.conId, 4);
    await s.untilStored(OTHER, AAPL_230_P.conId, 4);
    h.clock.advance(TEST_FLAGS.quietWindowMs + 1);
    const run = await s.service.reconcile();
    expect(run.status).toBe('CLEAN');
    expect(await s.core.store.ledger.discrepancy(discrepancy!.id)).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: run.finishedAt,
    });
    expect(s.discrepancyEvents.map((e) => e.kind)).toEqual(['OPENED', 'RESOLVED']);
  });

  it('an acknowledged WARNING that turns into a long/short reversal is re-opened as CRITICAL', async () => {
    h.sim.silently.change(MAIN, SPY_550_P.conId, -6);
    const [discrepancy] = await s.discrepanciesOfRun(await s.service.reconcile());
    await s.service.acknowledge(discrepancy!.id, 'known');
    h.clock.advance(1_000);
    h.sim.silently.change(MAIN, SPY_550_P.conId, 6);
    await s.service.reconcile();
    expect(await s.core.store.ledger.discrepancy(discrepancy!.id)).toMatchObject({
      status: 'OPEN',
      severity: 'CRITICAL',
      brokerQuantity: 6,
      note: 'known',
    });
    expect(s.discrepancyEvents.map((e) => e.kind)).toEqual(['OPENED', 'ACKNOWLEDGED', 'UPDATED']);
  });

  it('a person acting on an unknown or already resolved discrepancy gets a clear error, and nothing changes', async () => {
    await expect(s.service.acknowledge('no-such-id', null)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
    const [discrepancy] = await s.discrepanciesOfRun(await s.service.reconcile());
    await s.service.resolve(discrepancy!.id, null);
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 9);
    const events = await persistedEvents();
    await expect(s.service.resolve(discrepancy!.id, null)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: `discrepancy ${discrepancy!.id} is already resolved`,
    });
    await expect(s.service.acknowledge(discrepancy!.id, 'late')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await persistedEvents()).toEqual(events);
    expect(s.stored(OTHER, AAPL_230_P.conId)).toMatchObject({ quantity: 5, source: 'MANUAL' });
  });
});
