import { describe, expect, it } from 'vitest';
import { AAPL_230_P, option, SPY_600_C } from '../support/contracts.js';
import { MAIN, OTHER } from '../support/standard-book.js';
import { TEST_FLAGS, useReconciliationHarness } from './support/reconciliation-harness.js';

const TSLA_300_C = option(700040, 'TSLA', '20261218', 300, 'CALL');

const h = useReconciliationHarness();

describe('no false alarms from trades in flight', () => {
  it('the feed’s starting list (SNAPSHOT rows) does not count as stream activity: nothing is deferred at STARTUP', async () => {
    const s = await h.connected();
    expect(s.runs[0]).toMatchObject({ trigger: 'STARTUP', status: 'CLEAN', deferredCount: 0 });
  });

  it('a trade pushed as the snapshot ends, stored before the run reads the store, is not reported', async () => {
    const s = await h.connected();
    h.sim.delayPositionEnd(1_000);
    const requests = h.positionRequests();
    const pending = s.service.reconcile();
    await h.untilPositionRequests(requests + 1);
    // POSITION_END (the snapshot lists AAPL 230 P at 3), then at once the push of a fill to 5.
    h.simClock.advance(1_000);
    h.sim.change(OTHER, AAPL_230_P.conId, 5);
    const run = await pending;
    expect(run).toMatchObject({ status: 'CLEAN', discrepancyCount: 0 });
    expect(await s.activeDiscrepancies()).toEqual([]);
    await s.untilStored(OTHER, AAPL_230_P.conId, 5);

    h.sim.delayPositionEnd(0);
    h.clock.advance(TEST_FLAGS.quietWindowMs + 1);
    expect(await s.service.reconcile()).toMatchObject({ status: 'CLEAN', deferredCount: 0 });
    expect(s.discrepancyEvents).toEqual([]);
  });

  it('a key that moved on the stream within the quiet window is left for the next run, which reports a difference that persists', async () => {
    const s = await h.connected();
    h.sim.change(OTHER, AAPL_230_P.conId, 5);
    await s.untilStored(OTHER, AAPL_230_P.conId, 5);
    // A second fill whose push never came: the broker holds 6, the store 5.
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 6);
    h.clock.advance(1_000);
    const within = await s.service.reconcile();
    expect(within).toMatchObject({ status: 'CLEAN', discrepancyCount: 0, deferredCount: 1 });
    // The window's edge still counts as within it.
    h.clock.advance(TEST_FLAGS.quietWindowMs - 1_000);
    expect(await s.service.reconcile()).toMatchObject({ status: 'CLEAN', deferredCount: 1 });
    expect(await s.activeDiscrepancies()).toEqual([]);

    h.clock.advance(1);
    const next = await s.service.reconcile();
    expect(next).toMatchObject({ status: 'DISCREPANCIES', deferredCount: 0 });
    expect(await s.discrepanciesOfRun(next)).toMatchObject([
      { type: 'POSITION_MISMATCH', conId: AAPL_230_P.conId, brokerQuantity: 6, storeQuantity: 5 },
    ]);
  });

  it('deferring a key leaves its open discrepancy exactly as it was', async () => {
    const s = await h.connected();
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 6);
    await s.service.reconcile();
    const [before] = await s.activeDiscrepancies();
    expect(before).toMatchObject({ type: 'POSITION_MISMATCH', storeQuantity: 3 });

    h.clock.advance(10_000);
    h.sim.change(OTHER, AAPL_230_P.conId, 7);
    await s.untilStored(OTHER, AAPL_230_P.conId, 7);
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 8);
    const run = await s.service.reconcile();
    expect(run.deferredCount).toBe(1);
    expect(await s.activeDiscrepancies()).toEqual([before]);
  });

  it('updates still in the writer’s buffer count as stored: they never cause a discrepancy', async () => {
    // Flushes only when asked: everything streamed below stays in the writer's buffer.
    const s = await h.connected({ flags: ['--flush-interval-ms', '3600000'] });
    await s.core.writer.flush();
    h.sim.change(OTHER, AAPL_230_P.conId, 5);
    h.sim.open(OTHER, TSLA_300_C, 2, { averageCost: 900 });
    h.sim.close(MAIN, SPY_600_C.conId);
    await s.untilStored(OTHER, AAPL_230_P.conId, 5);
    await s.untilStored(OTHER, TSLA_300_C.conId, 2);
    await s.untilStored(MAIN, SPY_600_C.conId, 0);
    h.clock.advance(TEST_FLAGS.quietWindowMs + 1);

    expect(s.core.writer.status().bufferedUpdates).toBeGreaterThanOrEqual(3);
    expect(await s.storedInFile(OTHER, AAPL_230_P.conId)).toMatchObject({ quantity: 3 });
    expect(await s.storedInFile(OTHER, TSLA_300_C.conId)).toBeUndefined();
    expect(await s.storedInFile(MAIN, SPY_600_C.conId)).toMatchObject({ quantity: 2 });

    const run = await s.service.reconcile();
    expect(run).toMatchObject({
      status: 'CLEAN',
      deferredCount: 0,
      brokerPositionCount: 4,
      storePositionCount: 4,
    });
    expect(await s.storedInFile(OTHER, AAPL_230_P.conId)).toMatchObject({ quantity: 3 });

    await s.core.writer.flush();
    expect(await s.storedInFile(OTHER, AAPL_230_P.conId)).toMatchObject({ quantity: 5 });
  });
});
