import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FailingDisk, failingDisk } from '../infra/duckdb/support/failing-disk.js';
import { AAPL_230_P, QQQ_EXPIRED_C, SPXW_6000_C, SPY_600_C } from '../support/contracts.js';
import { MAIN, OTHER } from '../support/standard-book.js';
import { until } from '../support/until.js';
import { ReconciliationHarness } from './support/reconciliation-harness.js';

let disk: FailingDisk;
let h: ReconciliationHarness;

beforeAll(() => {
  disk = failingDisk(16);
});
afterAll(() => disk?.dispose());
beforeEach(async () => {
  h = await ReconciliationHarness.start();
  h.placeStoreIn(disk.path);
  h.sim.open(MAIN, SPY_600_C, 2, { averageCost: 512.34 });
  h.sim.open(MAIN, QQQ_EXPIRED_C, 1, { averageCost: 120 });
  h.sim.open(OTHER, SPXW_6000_C, -1, { averageCost: 4000 });
  h.sim.open(OTHER, AAPL_230_P, 3, { averageCost: 250 });
});
afterEach(async () => {
  disk.release();
  await h.dispose();
  rmSync(join(disk.path, 'positions.duckdb'), { force: true });
  rmSync(join(disk.path, 'positions.duckdb.wal'), { force: true });
});

describe('a run that cannot finish its work', () => {
  it('a store that cannot write (a full disk, a file size limit) ends the run FAILED with the reason, logged at error level; discrepancies stay', async () => {
    const s = await h.connected();
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
    await s.service.reconcile();
    const before = await s.activeDiscrepancies();
    expect(before).toHaveLength(1);

    disk.fill();
    // The run must write an EXPIRY row for this one, and cannot.
    h.sim.remove(MAIN, QQQ_EXPIRED_C.conId, { silent: true });
    const failed = await s.service.reconcile();
    expect(failed).toMatchObject({
      status: 'FAILED',
      discrepancyCount: 0,
      hasCriticalIssues: false,
      discrepancyIds: [],
    });
    expect(failed.error).toMatch(/^could not write /);
    expect(failed.error).toContain(disk.failure.plain);
    expect(failed.error).not.toMatch(/duckdb/i);
    expect(failed.error).not.toMatch(disk.failure.system);
    expect(failed.summary).toBe(`Reconciliation failed: ${failed.error}`);
    expect(s.service.status().lastRun).toEqual(failed);
    expect(s.logsAt('error').map((l) => l.msg)).toContain('reconciliation failed');
    expect(await s.activeDiscrepancies()).toEqual(before);

    disk.release();
    // The writer keeps the EXPIRY row and writes it on its next attempt.
    h.clock.advance(60_000);
    await until(() => s.core.writer.status().bufferedUpdates === 0, 'the writer to catch up');
    expect(await s.storedInFile(MAIN, QQQ_EXPIRED_C.conId)).toEqual({ quantity: 0, source: 'EXPIRY' });
    const next = await s.service.reconcile();
    expect(next).toMatchObject({ status: 'DISCREPANCIES', discrepancyIds: [before[0]!.id] });
  });
});
