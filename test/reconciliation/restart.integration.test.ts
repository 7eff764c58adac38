import { describe, expect, it } from 'vitest';
import { SPXW_6000_C } from '../support/contracts.js';
import { OTHER } from '../support/standard-book.js';
import { until } from '../support/until.js';
import { useReconciliationHarness } from './support/reconciliation-harness.js';

const h = useReconciliationHarness();

describe('a restart of the service on the same file', () => {
  it('keeps every run and discrepancy; the discrepancy continues where it was instead of opening again', async () => {
    const before = await h.connected();
    h.sim.remove(OTHER, SPXW_6000_C.conId, { silent: true });
    const found = await before.service.reconcile();
    const [naked] = await before.discrepanciesOfRun(found);
    await before.service.acknowledge(naked!.id, 'asked the broker');
    const runsBefore = (await before.core.store.ledger.runs({ first: 100 })).items.map((e) => e.run);
    const eventsBefore = await before.core.store.ledger.discrepancyEventsAfter(0);
    await before.core.close();
    await until(() => h.sim.clients().length === 0, 'the simulator to see the old connection close');

    h.clock.advance(60_000);
    const after = await h.assemble();
    expect(after.service.status().lastRun).toEqual(found);
    expect((await after.core.store.ledger.runs({ first: 100 })).items.map((e) => e.run)).toEqual(runsBefore);
    expect(await after.activeDiscrepancies()).toEqual([
      { ...naked, status: 'ACKNOWLEDGED', note: 'asked the broker', acknowledgedAt: naked!.lastSeenAt },
    ]);

    after.core.broker.start();
    const startup = await after.untilRun((r) => r.trigger === 'STARTUP', 'the STARTUP run after the restart');
    expect(startup.discrepancyIds).toEqual([naked!.id]);
    expect(await after.core.store.ledger.discrepancy(naked!.id)).toMatchObject({
      status: 'ACKNOWLEDGED',
      firstSeenAt: naked!.firstSeenAt,
      lastSeenAt: startup.finishedAt,
    });
    expect(after.discrepancyEvents).toEqual([]);
    const eventsAfter = await after.core.store.ledger.discrepancyEventsAfter(0);
    expect(eventsAfter).toEqual(eventsBefore);
    expect((await after.core.store.ledger.runs({ first: 100 })).items.map((e) => e.run.id)).toEqual([
      startup.id,
      ...runsBefore.map((r) => r.id),
    ]);

    const resolved = await after.service.resolve(naked!.id, 'gone at the broker');
    const [event] = after.discrepancyEvents;
    expect(event).toMatchObject({ kind: 'RESOLVED', discrepancy: resolved });
    expect(event!.sequence).toBeGreaterThan(eventsBefore.at(-1)!.sequence);
  });
});
