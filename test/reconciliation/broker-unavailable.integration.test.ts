import { beforeEach, describe, expect, it } from 'vitest';
import type { ReconciliationRun } from '../../src/domain/reconciliation-run.js';
import { AAPL_230_P, SPY_550_P, SPY_600_C } from '../support/contracts.js';
import { MAIN, OTHER } from '../support/standard-book.js';
import { until } from '../support/until.js';
import { type RecordedCore, TEST_FLAGS, useReconciliationHarness } from './support/reconciliation-harness.js';

const h = useReconciliationHarness();
let s: RecordedCore;

beforeEach(async () => {
  s = await h.connected();
  // Two open discrepancies, one of them acknowledged by a person, before the broker goes away.
  h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
  h.sim.silently.close(MAIN, SPY_600_C.conId);
  const found = await s.service.reconcile();
  expect(found.discrepancyCount).toBe(2);
  const [naked] = await s.activeDiscrepancies();
  await s.service.acknowledge(naked!.id, 'checking with the desk');
  // More drift that a completed snapshot would report, so that reporting nothing means something.
  h.sim.silently.change(MAIN, SPY_550_P.conId, 4);
  h.clock.advance(1_000);
});

/** Runs `act` and checks that the discrepancies, in the file and on the event stream, did not move. */
async function leavesDiscrepanciesAlone(act: () => Promise<ReconciliationRun>): Promise<ReconciliationRun> {
  const before = await s.activeDiscrepancies();
  const eventsBefore = await s.core.store.ledger.discrepancyEventsAfter(0);
  const published = s.discrepancyEvents.length;
  const run = await act();
  expect(run).toMatchObject({
    status: 'BROKER_UNAVAILABLE',
    discrepancyCount: 0,
    criticalCount: 0,
    hasCriticalIssues: false,
    discrepancyIds: [],
    brokerPositionCount: 0,
    storePositionCount: 4,
  });
  expect(run.countsByType.every((c) => c.count === 0)).toBe(true);
  expect(await s.activeDiscrepancies()).toEqual(before);
  expect(await s.core.store.ledger.discrepancyEventsAfter(0)).toEqual(eventsBefore);
  expect(s.discrepancyEvents).toHaveLength(published);
  expect(await s.core.store.ledger.run(run.id)).toEqual(run);
  return run;
}

describe('a broker that cannot give a complete snapshot proves nothing', () => {
  it('broker down: the run ends BROKER_UNAVAILABLE, says why, and reports nothing', async () => {
    await h.sim.stop();
    await until(() => s.core.broker.state === 'DISCONNECTED', 'the adapter to see the broker gone');
    const run = await leavesDiscrepanciesAlone(() => s.service.reconcile());
    expect(run.error).toBe(`not connected to TWS at 127.0.0.1:${h.sim.port}`);
    expect(run.summary).toBe(
      `Broker: unavailable (not connected to TWS at 127.0.0.1:${h.sim.port}), Store: 4, no discrepancies reported`,
    );
    expect(s.logsAt('warn').map((l) => l.msg)).toContain(`reconciliation: ${run.summary}`);
  });

  it('POSITION_END withheld: the run waits for the snapshot timeout, then ends BROKER_UNAVAILABLE', async () => {
    h.sim.withholdPositionEnd(true);
    const requests = h.positionRequests();
    const run = await leavesDiscrepanciesAlone(async () => {
      const pending = s.service.reconcile();
      await h.untilPositionRequests(requests + 1);
      expect(s.service.status().running).toBe(true);
      h.clock.advance(TEST_FLAGS.snapshotTimeoutMs);
      return pending;
    });
    expect(run.error).toMatch(/no positionMultiEnd from TWS within 20000 ms/);
  });

  it('a connection dropped in the middle of the snapshot ends the run BROKER_UNAVAILABLE', async () => {
    h.sim.delayPositionEnd(10_000);
    const requests = h.positionRequests();
    const run = await leavesDiscrepanciesAlone(async () => {
      const pending = s.service.reconcile();
      await h.untilPositionRequests(requests + 1);
      h.sim.dropAll();
      return pending;
    });
    expect(run.error).toMatch(/dropped during the snapshot/);
  });

  it('TWS reporting its link to IB lost (1100) makes the run BROKER_UNAVAILABLE', async () => {
    expect(h.sim.sendCode(1100)).toBe(1);
    await until(() => s.core.broker.state === 'CONNECTED', 'the adapter to hear of the lost link');
    const run = await leavesDiscrepanciesAlone(() => s.service.reconcile());
    expect(run.error).toMatch(/connection to IB lost \(1100\)/);
  });

  it('once the broker answers again, the store takes its starting list and the RECONNECT run resolves the discrepancies', async () => {
    h.sim.withholdPositionEnd(true);
    const requests = h.positionRequests();
    const pending = s.service.reconcile();
    await h.untilPositionRequests(requests + 1);
    h.clock.advance(TEST_FLAGS.snapshotTimeoutMs);
    expect((await pending).status).toBe('BROKER_UNAVAILABLE');
    const before = await s.activeDiscrepancies();
    expect(before).toHaveLength(2);

    h.sim.withholdPositionEnd(false);
    // TWS going away and coming back (its daily restart): the adapter reconnects after its backoff.
    h.sim.dropAll();
    await until(() => s.core.broker.state === 'DISCONNECTED', 'the adapter to see the connection gone');
    h.clock.advance(30_000);
    const reconnect = await s.untilRun((r) => r.trigger === 'RECONNECT', 'the RECONNECT run');
    expect(reconnect).toMatchObject({
      status: 'CLEAN',
      brokerPositionCount: 3,
      storePositionCount: 3,
      caughtUpCount: 3,
    });
    expect(await s.activeDiscrepancies()).toEqual([]);
    // The catch-up resolves both known discrepancies, and records the drift no run could report.
    const resolved = s.discrepancyEvents.filter((e) => e.kind === 'RESOLVED').map((e) => e.discrepancy);
    const unreported = resolved.filter((i) => !before.some((b) => b.id === i.id));
    expect(
      resolved
        .filter((i) => before.some((b) => b.id === i.id))
        .map((i) => i.id)
        .sort(),
    ).toEqual(before.map((i) => i.id).sort());
    expect(unreported).toMatchObject([
      {
        conId: SPY_550_P.conId,
        type: 'POSITION_MISMATCH',
        severity: 'CRITICAL',
        storeQuantity: -4,
        brokerQuantity: 4,
      },
    ]);
    expect(resolved.every((i) => i.note?.startsWith('caught up after reconnect at '))).toBe(true);
    expect(resolved.every((i) => i.resolvedAt?.getTime() === reconnect.finishedAt.getTime())).toBe(true);
  });
});
