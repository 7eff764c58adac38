import { describe, expect, it } from 'vitest';
import { AAPL_230_P, option, SPY_600_C } from '../support/contracts.js';
import { MAIN, OTHER } from '../support/standard-book.js';
import { useReconciliationHarness } from './support/reconciliation-harness.js';

const TSLA_300_C = option(700040, 'TSLA', '20261218', 300, 'CALL');

const h = useReconciliationHarness();

/** A mismatch, a position missing from the store and a naked one, none of which the feed pushed. */
function drift(): void {
  h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
  h.sim.silently.open(OTHER, TSLA_300_C, 7, { averageCost: 900 });
  h.sim.remove(MAIN, SPY_600_C.conId, { silent: true });
}

describe('healing (--heal)', () => {
  it('writes the broker’s rows for MISSING_FROM_STORE and POSITION_MISMATCH, resolves them, and never touches a NAKED', async () => {
    const s = await h.connected({ flags: ['--heal'] });
    expect(s.config.heal).toBe(true);
    drift();
    const run = await s.service.reconcile();
    expect(run).toMatchObject({ status: 'DISCREPANCIES', discrepancyCount: 3, criticalCount: 1 });

    expect(await s.storedInFile(OTHER, AAPL_230_P.conId)).toEqual({ quantity: 5, source: 'SNAPSHOT' });
    expect(await s.storedInFile(OTHER, TSLA_300_C.conId)).toEqual({ quantity: 7, source: 'SNAPSHOT' });
    expect(await s.storedInFile(MAIN, SPY_600_C.conId)).toMatchObject({ quantity: 2 });

    const found = await s.discrepanciesOfRun(run);
    expect(found.map((i) => [i.type, i.status, i.note])).toEqual([
      ['NAKED_POSITION', 'OPEN', null],
      ['POSITION_MISMATCH', 'RESOLVED', 'healed: the store took the broker snapshot'],
      ['MISSING_FROM_STORE', 'RESOLVED', 'healed: the store took the broker snapshot'],
    ]);
    expect(s.discrepancyEvents.map((e) => [e.kind, e.discrepancy.type])).toEqual([
      ['OPENED', 'NAKED_POSITION'],
      ['OPENED', 'POSITION_MISMATCH'],
      ['OPENED', 'MISSING_FROM_STORE'],
      ['RESOLVED', 'POSITION_MISMATCH'],
      ['RESOLVED', 'MISSING_FROM_STORE'],
    ]);

    h.clock.advance(1_000);
    const next = await s.service.reconcile();
    expect(next).toMatchObject({ discrepancyCount: 1, deferredCount: 0 });
    expect((await s.discrepanciesOfRun(next)).map((i) => [i.type, i.id])).toEqual([
      ['NAKED_POSITION', found[0]!.id],
    ]);
    expect(await s.storedInFile(MAIN, SPY_600_C.conId)).toMatchObject({ quantity: 2 });
  });

  it('is off by default: the store keeps its rows and the discrepancies stay open', async () => {
    const s = await h.connected();
    expect(s.config.heal).toBe(false);
    drift();
    await s.service.reconcile();
    h.clock.advance(1_000);
    const next = await s.service.reconcile();
    expect(next.discrepancyCount).toBe(3);
    await s.core.writer.flush();
    expect(await s.storedInFile(OTHER, AAPL_230_P.conId)).toMatchObject({ quantity: 3 });
    expect(await s.storedInFile(OTHER, TSLA_300_C.conId)).toBeUndefined();
    expect((await s.activeDiscrepancies()).map((i) => i.status)).toEqual(['OPEN', 'OPEN', 'OPEN']);
  });
});
