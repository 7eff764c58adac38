import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/app/config.js';
import { assembleCore, type SentinelCore } from '../../../src/app/sentinel-core.js';
import type { PositionUpdate } from '../../../src/domain/position-update.js';
import type { ReconciliationRun } from '../../../src/domain/reconciliation-run.js';
import { startSimulator, type TwsSimulator } from '../../../src/infra/ib-simulator/tws-simulator.js';
import { captureLogger } from '../../support/capture-logger.js';
import { SPXW_6000_C, SPY_600_C } from '../../support/contracts.js';
import { ManualClock } from '../../support/manual-clock.js';
import { makeTempDir } from '../../support/temp-dir.js';
import { until } from './support/adapter-harness.js';

/**
 * The whole chain a trader relies on, with real parts: the simulator over TCP, the adapter on
 * @stoqey/ib, the DuckDB store in a temp dir and the reconciliation service. What it proves: a
 * trade TWS announces while a snapshot is being answered is stored and never becomes an alarm;
 * a change TWS never announced still is one.
 */
let sim: TwsSimulator;
let simClock: ManualClock;
let core: SentinelCore;
let dir: ReturnType<typeof makeTempDir>;
const runs: ReconciliationRun[] = [];
const updates: PositionUpdate[] = [];

beforeEach(async () => {
  runs.length = 0;
  updates.length = 0;
  simClock = new ManualClock();
  sim = await startSimulator({ host: '127.0.0.1', port: 0, clock: simClock });
  sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
  sim.open('DU222222', SPXW_6000_C, -1, { averageCost: 4000 });
  dir = makeTempDir();
  const { config } = loadConfig(
    ['--db', join(dir.path, 'positions.duckdb'), '--ib-port', String(sim.port), '--ib-client-id', '23'],
    {},
  );
  core = await assembleCore(config, captureLogger().logger, new ManualClock());
  core.reconciliation.onRun((run) => runs.push(run));
  core.broker.onUpdate((update) => updates.push(update));
  core.broker.start();
  await until(() => runs.length === 1, 'the startup run');
  expect(runs[0]).toMatchObject({ trigger: 'STARTUP', status: 'CLEAN' });
});
afterEach(async () => {
  await core.close();
  await sim.stop();
  dir.remove();
});

async function stored(account: string, conId: number): Promise<number | undefined> {
  const book = await core.writer.readModel.positions({ includeClosed: true });
  return book.find((p) => p.account === account && p.conId === conId)?.quantity;
}

describe('a reconciliation around a live trade', () => {
  // In an account other than the portfolio feed's, whose own pushes would tell the store anyway.
  it('stores a close TWS pushes while the snapshot is being answered, and raises no alarm for it', async () => {
    sim.delayPositionEnd(5_000);
    const timers = simClock.pendingCount;
    const run = core.reconciliation.reconcile('MANUAL');
    await until(() => simClock.pendingCount === timers + 2, 'the snapshot held open');

    expect(core.broker.portfolioAccount()).toBe('DU111111');
    // TWS pushes the close, then ends the snapshot: the adapter reads them in that order.
    sim.close('DU222222', SPXW_6000_C.conId);
    simClock.advance(5_000);

    const result = await run;
    expect(result).toMatchObject({ trigger: 'MANUAL', status: 'CLEAN', hasCriticalIssues: false });
    expect(result.discrepancyIds).toEqual([]);
    expect(updates).toContainEqual(
      expect.objectContaining({
        account: 'DU222222',
        conId: SPXW_6000_C.conId,
        quantity: 0,
        source: 'STREAM',
      }),
    );
    expect(await stored('DU222222', SPXW_6000_C.conId)).toBe(0);
  });

  it('still reports a close TWS never announced as a critical NAKED_POSITION', async () => {
    sim.silently.close('DU111111', SPY_600_C.conId);
    const result = await core.reconciliation.reconcile('MANUAL');
    expect(result).toMatchObject({ status: 'DISCREPANCIES', hasCriticalIssues: true, criticalCount: 1 });
    expect(result.countsByType).toContainEqual({ type: 'NAKED_POSITION', count: 1 });
    expect(await stored('DU111111', SPY_600_C.conId)).toBe(2);
  });
});
