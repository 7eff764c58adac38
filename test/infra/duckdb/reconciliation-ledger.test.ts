import { afterEach, describe, expect, it } from 'vitest';
import type { DetectedDiscrepancy, Discrepancy } from '../../../src/domain/discrepancy.js';
import { acknowledge, applyDetected, resolveByPerson } from '../../../src/domain/discrepancy-lifecycle.js';
import type { ReconciliationRun } from '../../../src/domain/reconciliation-run.js';
import { summarize } from '../../../src/domain/reconciliation-summary.js';
import type { DuckDbStore } from '../../../src/infra/duckdb/open-store.js';
import { AAPL_230_P, NVDA_STOCK, SPY_600_C } from '../../support/contracts.js';
import { storeFixture, storePath } from './support/store-fixture.js';

const fixture = storeFixture();
afterEach(() => fixture.cleanup());

const T0 = new Date('2026-11-25T15:00:00Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

const naked: DetectedDiscrepancy = {
  account: 'DU111111',
  conId: SPY_600_C.conId,
  type: 'NAKED_POSITION',
  severity: 'CRITICAL',
  contract: SPY_600_C,
  brokerQuantity: null,
  storeQuantity: 3,
  difference: -3,
  storeUpdatedAt: new Date('2026-11-25T14:55:00.250Z'),
  message: 'Store holds 3 SPY 2026-12-18 600 C in DU111111; the broker does not',
};
const mismatch: DetectedDiscrepancy = {
  account: 'DU222222',
  conId: AAPL_230_P.conId,
  type: 'POSITION_MISMATCH',
  severity: 'WARNING',
  contract: AAPL_230_P,
  brokerQuantity: 2.5,
  storeQuantity: 1.25,
  difference: 1.25,
  storeUpdatedAt: null,
  message: 'Broker holds 2.5, store holds 1.25 AAPL 2027-01-15 230 P in DU222222',
};
const missing: DetectedDiscrepancy = {
  account: 'DU111111',
  conId: NVDA_STOCK.conId,
  type: 'MISSING_FROM_STORE',
  severity: 'WARNING',
  contract: NVDA_STOCK,
  brokerQuantity: 100,
  storeQuantity: null,
  difference: 100,
  storeUpdatedAt: null,
  message: 'Broker holds 100 NVDA in DU111111; the store has no open position',
};

function runOf(
  id: string,
  at: Date,
  discrepancies: readonly Discrepancy[],
  detected: readonly DetectedDiscrepancy[],
): ReconciliationRun {
  return {
    id,
    trigger: 'SCHEDULED',
    status: detected.length > 0 ? 'DISCREPANCIES' : 'CLEAN',
    startedAt: at,
    finishedAt: new Date(at.getTime() + 1234),
    durationMs: 1234.5,
    brokerPositionCount: 12,
    storePositionCount: 11,
    discrepancyIds: discrepancies.map((i) => i.id),
    expiredCount: 1,
    deferredCount: 2,
    caughtUpCount: 0,
    loadedCount: 0,
    error: null,
    ...summarize(detected.length > 0 ? 'DISCREPANCIES' : 'CLEAN', 12, 11, detected),
  };
}

/** Runs the domain's lifecycle over the detected and records the result, as the service will. */
async function reconcileAndRecord(
  store: DuckDbStore,
  id: string,
  at: Date,
  detected: readonly DetectedDiscrepancy[],
) {
  let n = 0;
  const active = await store.ledger.activeDiscrepancies();
  const transition = applyDetected(active, detected, [], at, () => `${id}-discrepancy-${++n}`);
  const current = await Promise.all(
    detected.map(async (f) => {
      const opened = transition.changed.find(
        (i) => i.type === f.type && i.account === f.account && i.conId === f.conId,
      );
      return opened ?? (active.find((i) => i.type === f.type && i.conId === f.conId) as Discrepancy);
    }),
  );
  const run = runOf(id, at, current, detected);
  const recorded = await store.ledger.recordRun({
    run,
    changed: transition.changed,
    events: transition.events,
  });
  return { run, transition, recorded };
}

describe('reconciliation ledger', () => {
  it('records a run with its discrepancies and events in one call, and reads every field back', async () => {
    const path = storePath(fixture.tempDir());
    const store = await fixture.open(path);
    const before = store.nextSequence();
    const { run, transition, recorded } = await reconcileAndRecord(store, 'run-1', T0, [naked, mismatch]);

    expect(recorded.map((e) => e.kind)).toEqual(['OPENED', 'OPENED']);
    expect(recorded[0]?.sequence).toBeGreaterThan(before);
    expect(recorded[1]?.sequence).toBeGreaterThan(recorded[0]?.sequence ?? Number.POSITIVE_INFINITY);

    const check = async (s: DuckDbStore) => {
      const ledger = s.ledger;
      for (const discrepancy of transition.changed)
        expect(await ledger.discrepancy(discrepancy.id)).toStrictEqual(discrepancy);
      expect(await ledger.run('run-1')).toStrictEqual(run);
      expect(await ledger.latestRun()).toStrictEqual(run);
      // The discrepancies the run found, in its order, in one read.
      expect(await ledger.discrepanciesOfRun('run-1')).toStrictEqual(
        run.discrepancyIds.map((id) => transition.changed.find((i) => i.id === id)),
      );
      expect(await ledger.discrepancyEventsAfter(0)).toStrictEqual(recorded);
      expect((await ledger.activeDiscrepancies()).map((i) => i.type)).toEqual([
        'NAKED_POSITION',
        'POSITION_MISMATCH',
      ]);
    };
    await check(store);
    await store.close();
    const reopened = await fixture.open(path);
    await check(reopened);
    expect(reopened.nextSequence()).toBeGreaterThan(recorded[1]?.sequence ?? Number.POSITIVE_INFINITY);
    expect(await reopened.ledger.discrepancy('no-such-id')).toBeUndefined();
    expect(await reopened.ledger.run('no-such-run')).toBeUndefined();
    expect(await reopened.ledger.discrepanciesOfRun('no-such-run')).toEqual([]);
  });

  it('follows discrepancies through later runs and people, keeping their state at each event', async () => {
    const store = await fixture.open(storePath(fixture.tempDir()));
    const ledger = store.ledger;
    const first = await reconcileAndRecord(store, 'run-1', T0, [naked, mismatch]);
    const [nakedDiscrepancy, mismatchDiscrepancy] = first.transition.changed as [Discrepancy, Discrepancy];

    const note = await ledger.recordDiscrepancyChange(
      acknowledge(mismatchDiscrepancy, 'checking with the desk', minutes(1)),
    );
    expect(note.discrepancy).toMatchObject({
      status: 'ACKNOWLEDGED',
      note: 'checking with the desk',
      acknowledgedAt: minutes(1),
    });

    // The next run: the naked position is gone, the mismatch grew, and a stock is missing.
    const grown = {
      ...mismatch,
      brokerQuantity: 3,
      difference: 1.75,
      message: 'Broker holds 3, store holds 1.25',
    };
    const second = await reconcileAndRecord(store, 'run-2', minutes(5), [grown, missing]);
    expect(second.recorded.map((e) => [e.kind, e.discrepancy.type])).toEqual([
      ['UPDATED', 'POSITION_MISMATCH'],
      ['OPENED', 'MISSING_FROM_STORE'],
      ['RESOLVED', 'NAKED_POSITION'],
    ]);

    expect(await ledger.discrepancy(nakedDiscrepancy.id)).toMatchObject({
      status: 'RESOLVED',
      resolvedAt: minutes(5),
    });
    expect(await ledger.discrepancy(mismatchDiscrepancy.id)).toMatchObject({
      status: 'ACKNOWLEDGED',
      brokerQuantity: 3,
      difference: 1.75,
      lastSeenAt: minutes(5),
      note: 'checking with the desk',
    });

    const missingDiscrepancy = second.transition.changed.find(
      (i) => i.type === 'MISSING_FROM_STORE',
    ) as Discrepancy;
    const resolved = await ledger.recordDiscrepancyChange(
      resolveByPerson(missingDiscrepancy, 'booked it', minutes(6)),
    );
    expect(resolved.sequence).toBeGreaterThan(second.recorded.at(-1)?.sequence ?? Number.POSITIVE_INFINITY);

    const all = await ledger.discrepancyEventsAfter(0);
    expect(all.map((e) => `${e.kind}:${e.discrepancy.type}:${e.discrepancy.status}`)).toEqual([
      'OPENED:NAKED_POSITION:OPEN',
      'OPENED:POSITION_MISMATCH:OPEN',
      'ACKNOWLEDGED:POSITION_MISMATCH:ACKNOWLEDGED',
      'UPDATED:POSITION_MISMATCH:ACKNOWLEDGED',
      'OPENED:MISSING_FROM_STORE:OPEN',
      'RESOLVED:NAKED_POSITION:RESOLVED',
      'RESOLVED:MISSING_FROM_STORE:RESOLVED',
    ]);
    // The first event still shows the discrepancy as it was then.
    expect(all[1]?.discrepancy).toStrictEqual(mismatchDiscrepancy);
    expect(await ledger.discrepancyEventsAfter(all[4]?.sequence ?? 0, 1)).toStrictEqual([all[5]]);

    const types = async (filter: Parameters<typeof ledger.discrepancies>[0]) =>
      (await ledger.discrepancies(filter)).map((i) => i.type);
    expect(await types(undefined)).toEqual(['POSITION_MISMATCH']);
    expect(await types({ status: ['RESOLVED'] })).toEqual(['NAKED_POSITION', 'MISSING_FROM_STORE']);
    expect(await types({ status: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'], severity: ['CRITICAL'] })).toEqual([
      'NAKED_POSITION',
    ]);
    expect(await types({ status: ['RESOLVED'], type: ['MISSING_FROM_STORE'], account: 'du111111' })).toEqual([
      'MISSING_FROM_STORE',
    ]);
    expect(await types({ status: ['OPEN', 'ACKNOWLEDGED', 'RESOLVED'], symbol: 'spy' })).toEqual([
      'NAKED_POSITION',
    ]);
    await expect(ledger.discrepancies({ status: ['CLOSED' as never] })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('pages runs newest first, including failed and unavailable ones', async () => {
    const store = await fixture.open(storePath(fixture.tempDir()));
    const ledger = store.ledger;
    const failed: ReconciliationRun = {
      ...runOf('run-failed', minutes(1), [], []),
      status: 'FAILED',
      error: 'store unavailable: disk full',
      ...summarize('FAILED', 0, 0, [], 'store unavailable: disk full'),
    };
    const unavailable: ReconciliationRun = {
      ...runOf('run-unavailable', minutes(2), [], []),
      trigger: 'RECONNECT',
      status: 'BROKER_UNAVAILABLE',
      ...summarize('BROKER_UNAVAILABLE', 0, 11, [], 'no positionEnd within 30 s'),
    };
    await ledger.recordRun({ run: runOf('run-clean', T0, [], []), changed: [], events: [] });
    await ledger.recordRun({ run: failed, changed: [], events: [] });
    await ledger.recordRun({ run: unavailable, changed: [], events: [] });

    const first = await ledger.runs({ first: 2 });
    expect(first.items.map((e) => e.run.id)).toEqual(['run-unavailable', 'run-failed']);
    expect(first.hasNextPage).toBe(true);
    expect(first.items[1]?.run).toStrictEqual(failed);
    const second = await ledger.runs({ first: 2, after: first.items.at(-1)?.sequence });
    expect(second.items.map((e) => e.run.id)).toEqual(['run-clean']);
    expect(second.hasNextPage).toBe(false);
    expect(await ledger.latestRun()).toStrictEqual(unavailable);
    expect((await ledger.latestCompleteRun())?.id).toBe('run-clean');
    await expect(ledger.runs({ first: 2, after: -3 })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('records a run at most once, and a refused run changes nothing', async () => {
    const store = await fixture.open(storePath(fixture.tempDir()));
    const { run } = await reconcileAndRecord(store, 'run-1', T0, [naked]);
    const before = await store.ledger.discrepancyEventsAfter(0);
    const [discrepancy] = (await store.ledger.activeDiscrepancies()) as [Discrepancy];
    const again = store.ledger.recordRun({
      run,
      changed: [{ ...discrepancy, status: 'RESOLVED', resolvedAt: minutes(1) }],
      events: [],
    });
    await expect(again).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.ledger.discrepancyEventsAfter(0)).toStrictEqual(before);
    expect((await store.ledger.discrepancy(discrepancy.id))?.status).toBe('OPEN');
  });

  it('refuses changes to unknown discrepancies and values it cannot store', async () => {
    const store = await fixture.open(storePath(fixture.tempDir()));
    const { transition } = await reconcileAndRecord(store, 'run-1', T0, [naked]);
    const [discrepancy] = transition.changed as [Discrepancy];
    await expect(
      store.ledger.recordDiscrepancyChange(acknowledge({ ...discrepancy, id: 'ghost' }, null, minutes(1))),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      store.ledger.recordRun({
        run: runOf('run-2', minutes(1), [], []),
        changed: [{ ...discrepancy, difference: Number.NaN }],
        events: [],
      }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(await store.ledger.run('run-2')).toBeUndefined();
  });

  it('keeps a caught-up discrepancy with its catch-up time, the counts of its run and the latest verification per key, across a reopen', async () => {
    const path = storePath(fixture.tempDir());
    const store = await fixture.open(path);
    const caughtUpAt = minutes(1);
    const opened: Discrepancy = {
      ...mismatch,
      id: 'caught-1',
      status: 'OPEN',
      firstSeenAt: caughtUpAt,
      lastSeenAt: caughtUpAt,
      acknowledgedAt: null,
      resolvedAt: null,
      caughtUpAt,
      note: 'caught up after reconnect at 2026-11-25 15:01:00 UTC: the store had 1.25, the broker 2.5',
    };
    const resolved: Discrepancy = { ...opened, status: 'RESOLVED', resolvedAt: minutes(2) };
    const run: ReconciliationRun = {
      ...runOf('run-catch-up', minutes(2), [resolved], []),
      trigger: 'RECONNECT',
      caughtUpCount: 1,
      loadedCount: 4,
    };
    const key = { account: 'DU111111', conId: SPY_600_C.conId };
    await store.ledger.recordRun({
      run,
      changed: [resolved],
      events: [
        { kind: 'OPENED', discrepancy: opened, at: minutes(2) },
        { kind: 'RESOLVED', discrepancy: resolved, at: minutes(2) },
      ],
      verified: [{ ...key, verifiedAt: minutes(2), runId: run.id }],
    });
    await store.ledger.recordRun({
      run: runOf('run-later', minutes(3), [], []),
      changed: [],
      events: [],
      verified: [{ ...key, verifiedAt: minutes(3), runId: 'run-later' }],
    });
    await store.close();

    const reopened = await fixture.open(path);
    expect(await reopened.ledger.discrepancy('caught-1')).toStrictEqual(resolved);
    const events = await reopened.ledger.discrepancyEventsAfter(0);
    expect(events.map((e) => [e.kind, e.discrepancy.caughtUpAt])).toEqual([
      ['OPENED', caughtUpAt],
      ['RESOLVED', caughtUpAt],
    ]);
    expect(await reopened.ledger.run('run-catch-up')).toStrictEqual(run);
    expect(await reopened.ledger.verifications()).toEqual([
      { ...key, verifiedAt: minutes(3), runId: 'run-later' },
    ]);
  });
});
