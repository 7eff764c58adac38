import { describe, expect, it } from 'vitest';
import { AAPL_230_P, NVDA_STOCK, option, QQQ_EXPIRED_C, SPY_550_P, SPY_600_C } from '../support/contracts.js';
import { MAIN, OTHER, openStandardBook } from '../support/standard-book.js';
import { until } from '../support/until.js';
import { TEST_FLAGS, useReconciliationHarness } from './support/reconciliation-harness.js';

const TSLA_300_C = option(700040, 'TSLA', '20261218', 300, 'CALL');

const h = useReconciliationHarness((sim) => {
  openStandardBook(sim);
  // And an option that expired on 20 November, before the clock's 25th.
  sim.open(MAIN, QQQ_EXPIRED_C, 1, { averageCost: 120 });
});

function counts(run: { countsByType: readonly { type: string; count: number }[] }) {
  return Object.fromEntries(run.countsByType.map((c) => [c.type, c.count]));
}

describe('reconciliation against the simulator, a DuckDB file and the IB adapter: each kind from a real cause', () => {
  it('the STARTUP run finds the store that took the feed’s starting list in agreement', async () => {
    const s = await h.connected();
    const [startup] = s.runs;
    expect(startup).toMatchObject({
      trigger: 'STARTUP',
      status: 'CLEAN',
      brokerPositionCount: 5,
      storePositionCount: 5,
      discrepancyCount: 0,
      hasCriticalIssues: false,
      summary: 'Broker: 5, Store: 5, Discrepancies: 0 (0 critical)',
    });
    expect(await s.core.store.ledger.run(startup!.id)).toEqual(startup);
    expect(s.logsAt('info').map((l) => l.msg)).toContain(`reconciliation: ${startup!.summary}`);
  });

  it('a silent change at the broker is a POSITION_MISMATCH (WARNING) with broker minus store', async () => {
    const s = await h.connected();
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
    const run = await s.service.reconcile();
    expect(run).toMatchObject({ trigger: 'MANUAL', status: 'DISCREPANCIES', hasCriticalIssues: false });
    expect(await s.discrepanciesOfRun(run)).toMatchObject([
      {
        type: 'POSITION_MISMATCH',
        severity: 'WARNING',
        status: 'OPEN',
        account: OTHER,
        conId: AAPL_230_P.conId,
        brokerQuantity: 5,
        storeQuantity: 3,
        difference: 2,
      },
    ]);
    expect(s.logsAt('warn').map((l) => l.msg)).toContain(`reconciliation: ${run.summary}`);
  });

  it('a silent open is MISSING_FROM_STORE (WARNING)', async () => {
    const s = await h.connected();
    h.sim.silently.open(OTHER, TSLA_300_C, 7, { averageCost: 900 });
    const run = await s.service.reconcile();
    expect(await s.discrepanciesOfRun(run)).toMatchObject([
      {
        type: 'MISSING_FROM_STORE',
        severity: 'WARNING',
        conId: TSLA_300_C.conId,
        brokerQuantity: 7,
        storeQuantity: null,
        difference: 7,
      },
    ]);
    expect(run.summary).toBe('Broker: 6, Store: 5, Discrepancies: 1 (0 critical)');
  });

  it('a silent close is a NAKED_POSITION (CRITICAL), logged at error level', async () => {
    const s = await h.connected();
    h.sim.silently.close(MAIN, SPY_600_C.conId);
    const run = await s.service.reconcile();
    expect(run).toMatchObject({ status: 'DISCREPANCIES', hasCriticalIssues: true, criticalCount: 1 });
    expect(await s.discrepanciesOfRun(run)).toMatchObject([
      {
        type: 'NAKED_POSITION',
        severity: 'CRITICAL',
        account: MAIN,
        conId: SPY_600_C.conId,
        brokerQuantity: null,
        storeQuantity: 2,
        difference: -2,
      },
    ]);
    const errors = s.logsAt('error');
    expect(errors).toEqual([
      expect.objectContaining({
        msg: 'reconciliation: Broker: 4, Store: 5, Discrepancies: 1 (1 critical)',
        component: 'reconciliation',
        runId: run.id,
        trigger: 'MANUAL',
      }),
    ]);
  });

  it('a silent long-to-short flip is a CRITICAL POSITION_MISMATCH', async () => {
    const s = await h.connected();
    h.sim.silently.change(MAIN, SPY_550_P.conId, 4);
    const run = await s.service.reconcile();
    expect(await s.discrepanciesOfRun(run)).toMatchObject([
      {
        type: 'POSITION_MISMATCH',
        severity: 'CRITICAL',
        brokerQuantity: 4,
        storeQuantity: -4,
        difference: 8,
      },
    ]);
    expect(run.hasCriticalIssues).toBe(true);
  });

  it('an option past expiry that the broker dropped is closed with an EXPIRY row, not reported NAKED', async () => {
    const s = await h.connected();
    h.sim.remove(MAIN, QQQ_EXPIRED_C.conId, { silent: true });
    const run = await s.service.reconcile();
    expect(run).toMatchObject({ status: 'CLEAN', expiredCount: 1, discrepancyCount: 0 });
    expect(await s.activeDiscrepancies()).toEqual([]);
    expect(await s.storedInFile(MAIN, QQQ_EXPIRED_C.conId)).toEqual({ quantity: 0, source: 'EXPIRY' });
    expect(s.stored(MAIN, QQQ_EXPIRED_C.conId)).toMatchObject({ quantity: 0, source: 'EXPIRY' });

    const next = await s.service.reconcile();
    expect(next).toMatchObject({ status: 'CLEAN', expiredCount: 0, storePositionCount: 4 });
  });

  it('a live option the broker dropped silently is NAKED even though an expired one was closed as EXPIRY', async () => {
    const s = await h.connected();
    h.sim.remove(MAIN, QQQ_EXPIRED_C.conId, { silent: true });
    h.sim.remove(MAIN, SPY_600_C.conId, { silent: true });
    const run = await s.service.reconcile();
    expect(run.expiredCount).toBe(1);
    expect((await s.discrepanciesOfRun(run)).map((i) => [i.type, i.conId])).toEqual([
      ['NAKED_POSITION', SPY_600_C.conId],
    ]);
  });

  it('the key is (account, conId): the same contract drifting in one account is reported for that account only', async () => {
    h.sim.open(OTHER, SPY_600_C, 1, { averageCost: 512.34 });
    const s = await h.connected();
    h.sim.silently.change(OTHER, SPY_600_C.conId, 3);
    const found = await s.discrepanciesOfRun(await s.service.reconcile());
    expect(found.map((i) => [i.account, i.conId, i.type])).toEqual([
      [OTHER, SPY_600_C.conId, 'POSITION_MISMATCH'],
    ]);
  });

  it('security types outside the filter are never compared (default OPT); ALL compares them too', async () => {
    const tracked = await h.connected();
    h.sim.silently.open(OTHER, NVDA_STOCK, 100, { averageCost: 120 });
    expect(await tracked.service.reconcile()).toMatchObject({ status: 'CLEAN', brokerPositionCount: 5 });
    await tracked.core.close();
    await until(() => h.sim.clients().length === 0, 'the simulator to see the connection close');

    // A new store on ALL: the stock is in the feed's starting list, so it agrees at first.
    h.useNewStoreFile('every-type');
    const all = await h.connected({ flags: ['--sec-types', 'ALL'] });
    expect(all.runs[0]).toMatchObject({ status: 'CLEAN', brokerPositionCount: 6 });
    h.sim.silently.change(OTHER, NVDA_STOCK.conId, 150);
    const found = await all.discrepanciesOfRun(await all.service.reconcile());
    expect(found.map((i) => [i.conId, i.type, i.brokerQuantity, i.storeQuantity])).toEqual([
      [NVDA_STOCK.conId, 'POSITION_MISMATCH', 150, 100],
    ]);
  });

  describe('STALE_DATA', () => {
    const flags = ['--reconcile-interval-ms', '3600000'];

    it('keys of the portfolio account not updated for longer than staleAfter are STALE_DATA (INFO); other accounts never', async () => {
      const s = await h.connected({ flags });
      expect(s.core.broker.portfolioAccount()).toBe(MAIN);
      h.clock.advance(TEST_FLAGS.staleAfterMs + 1);
      const run = await s.service.reconcile();
      const found = await s.discrepanciesOfRun(run);
      expect(found.map((i) => [i.type, i.severity, i.account, i.conId])).toEqual([
        ['STALE_DATA', 'INFO', MAIN, SPY_600_C.conId],
        ['STALE_DATA', 'INFO', MAIN, SPY_550_P.conId],
        ['STALE_DATA', 'INFO', MAIN, QQQ_EXPIRED_C.conId],
      ]);
      expect(run).toMatchObject({ status: 'DISCREPANCIES', hasCriticalIssues: false });
      expect(counts(run)).toEqual({
        MISSING_FROM_STORE: 0,
        NAKED_POSITION: 0,
        POSITION_MISMATCH: 0,
        STALE_DATA: 3,
      });
    });

    it('within staleAfter nothing is stale, and the portfolio refresh keeps rows fresh (stale discrepancies resolve)', async () => {
      const s = await h.connected({ flags });
      h.clock.advance(TEST_FLAGS.staleAfterMs);
      expect((await s.service.reconcile()).status).toBe('CLEAN');

      h.clock.advance(1);
      expect((await s.service.reconcile()).discrepancyCount).toBe(3);
      const seen = s.writerEvents.length;
      expect(h.sim.refreshPortfolio()).toBe(true);
      await until(() => s.writerEvents.length >= seen + 3, 'the refreshed rows to reach the writer');
      const fresh = await s.service.reconcile();
      expect(fresh.status).toBe('CLEAN');
      expect(await s.activeDiscrepancies()).toEqual([]);
      expect(s.discrepancyEvents.filter((e) => e.kind === 'RESOLVED')).toHaveLength(3);
    });
  });

  it("the run's result surface: summary, hasCriticalIssues and counts per kind, as published and as stored", async () => {
    const s = await h.connected();
    h.sim.silently.change(OTHER, AAPL_230_P.conId, 5);
    h.sim.silently.open(OTHER, TSLA_300_C, 7, { averageCost: 900 });
    h.sim.silently.close(MAIN, SPY_600_C.conId);
    h.sim.silently.change(MAIN, SPY_550_P.conId, 4);
    h.sim.remove(MAIN, QQQ_EXPIRED_C.conId, { silent: true });
    const run = await s.service.reconcile();
    expect(run).toMatchObject({
      status: 'DISCREPANCIES',
      brokerPositionCount: 4,
      storePositionCount: 5,
      discrepancyCount: 4,
      criticalCount: 2,
      hasCriticalIssues: true,
      expiredCount: 1,
      summary: 'Broker: 4, Store: 5, Discrepancies: 4 (2 critical)',
    });
    expect(counts(run)).toEqual({
      MISSING_FROM_STORE: 1,
      NAKED_POSITION: 1,
      POSITION_MISMATCH: 2,
      STALE_DATA: 0,
    });
    expect(await s.core.store.ledger.run(run.id)).toEqual(run);
    expect(s.service.status().lastRun).toEqual(run);
  });
});
