import { describe, expect, it } from 'vitest';
import { AAPL_230_P, SPXW_6000_C, SPY_550_P, SPY_600_C } from '../support/contracts.js';
import { MAIN, OTHER } from '../support/standard-book.js';
import { useReconciliationHarness } from './support/reconciliation-harness.js';

const h = useReconciliationHarness();

describe('catch-ups: the starting list is compared with the store as it was, then stored', () => {
  it('a new store is loaded from the first starting list, not caught up', async () => {
    const s = await h.connected();
    const [startup] = s.runs;
    expect(startup).toMatchObject({ trigger: 'STARTUP', status: 'CLEAN', caughtUpCount: 0, loadedCount: 4 });
    expect(s.discrepancyEvents).toEqual([]);
    expect(s.logs.map((l) => l.msg)).toContain(
      'catch-up: 4 row(s) loaded for accounts the store held nothing for',
    );
  });

  it('restart after three silent changes and one silent removal: three caught up, one naked stays open', async () => {
    const first = await h.connected();
    await first.core.close();

    // While no service runs, the broker's book moves and nobody tells the store.
    h.sim.silently.change(MAIN, SPY_600_C.conId, 5);
    h.sim.silently.change(MAIN, SPY_550_P.conId, 1);
    h.sim.silently.change(OTHER, SPXW_6000_C.conId, -3);
    h.sim.remove(OTHER, AAPL_230_P.conId, { silent: true });

    const s = await h.connected();
    const startup = s.runs.find((r) => r.trigger === 'STARTUP')!;
    expect(startup).toMatchObject({ status: 'DISCREPANCIES', caughtUpCount: 3, loadedCount: 0 });
    const found = await s.discrepanciesOfRun(startup);
    const caughtUp = found.filter((i) => i.caughtUpAt !== null);
    expect(
      caughtUp.map((i) => [i.conId, i.type, i.severity, i.status, i.storeQuantity, i.brokerQuantity]),
    ).toEqual([
      [SPY_600_C.conId, 'POSITION_MISMATCH', 'WARNING', 'RESOLVED', 2, 5],
      [SPY_550_P.conId, 'POSITION_MISMATCH', 'CRITICAL', 'RESOLVED', -4, 1],
      [SPXW_6000_C.conId, 'POSITION_MISMATCH', 'WARNING', 'RESOLVED', -1, -3],
    ]);
    const stamp = /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/.source;
    for (const i of caughtUp) {
      expect(i.note).toMatch(
        new RegExp(
          `^caught up after start at ${stamp}: the store had ${i.storeQuantity} since ${stamp}, the broker ${i.brokerQuantity} `,
        ),
      );
      expect(i.storeUpdatedAt!.getTime()).toBeLessThanOrEqual(i.caughtUpAt!.getTime());
    }
    // The key the starting list does not hold is untouched by the catch-up: the run finds it naked.
    expect(found.filter((i) => i.caughtUpAt === null)).toMatchObject([
      {
        type: 'NAKED_POSITION',
        severity: 'CRITICAL',
        status: 'OPEN',
        account: OTHER,
        conId: AAPL_230_P.conId,
      },
    ]);
    // Subscribers see each caught-up key opened, then resolved, with the run's other detected discrepancies.
    const kinds = (conId: number) =>
      s.discrepancyEvents.filter((e) => e.discrepancy.conId === conId).map((e) => e.kind);
    for (const i of caughtUp) expect(kinds(i.conId)).toEqual(['OPENED', 'RESOLVED']);
    expect(kinds(AAPL_230_P.conId)).toEqual(['OPENED']);
    expect(
      s.discrepancyEvents.find((e) => e.kind === 'OPENED' && e.discrepancy.conId === SPY_600_C.conId)
        ?.discrepancy.note,
    ).toMatch(/^caught up after start/);
    // The store ends equal to the broker for the three.
    for (const [account, conId, quantity] of [
      [MAIN, SPY_600_C.conId, 5],
      [MAIN, SPY_550_P.conId, 1],
      [OTHER, SPXW_6000_C.conId, -3],
    ] as const) {
      expect(s.stored(account, conId)?.quantity).toBe(quantity);
    }
    expect(s.stored(OTHER, AAPL_230_P.conId)?.quantity).toBe(3);
    expect(s.logs.map((l) => l.msg)).toContain('catch-up: 3 position(s) changed while the store was behind');
  });

  it('a STARTUP run whose snapshot fails still records what the complete starting list caught up', async () => {
    const first = await h.connected();
    await first.core.close();
    h.sim.silently.change(OTHER, SPXW_6000_C.conId, -2);
    h.sim.refusePositionsMulti(true, { code: 322, message: 'Error processing request: service busy' });

    const s = await h.connected();
    const startup = s.runs.find((r) => r.trigger === 'STARTUP')!;
    expect(startup).toMatchObject({ status: 'BROKER_UNAVAILABLE', caughtUpCount: 1, discrepancyCount: 0 });
    expect(await s.discrepanciesOfRun(startup)).toMatchObject([
      { conId: SPXW_6000_C.conId, status: 'RESOLVED', storeQuantity: -1, brokerQuantity: -2 },
    ]);
    expect(s.stored(OTHER, SPXW_6000_C.conId)?.quantity).toBe(-2);
  });
});
