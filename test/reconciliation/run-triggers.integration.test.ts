import { describe, expect, it } from 'vitest';
import { until } from '../support/until.js';
import { type RecordedCore, TEST_FLAGS, useReconciliationHarness } from './support/reconciliation-harness.js';

const INTERVAL = TEST_FLAGS.reconcileIntervalMs;

const h = useReconciliationHarness();

async function storedRunCount(s: RecordedCore): Promise<number> {
  return (await s.core.store.ledger.runs({ first: 100 })).items.length;
}

/** Starts a MANUAL run and waits until the simulator holds its snapshot open. */
async function heldRun(s: RecordedCore) {
  h.sim.delayPositionEnd(1_000);
  const requests = h.positionRequests();
  const run = s.service.reconcile('MANUAL');
  await h.untilPositionRequests(requests + 1);
  return { run, requests, release: () => h.simClock.advance(1_000) };
}

describe('when runs happen', () => {
  it('STARTUP: once the feed’s starting list is stored, not before', async () => {
    const s = await h.assemble();
    expect(s.service.status()).toMatchObject({ running: false, lastRun: null });
    s.core.broker.start();
    const startup = await s.untilRun((r) => r.trigger === 'STARTUP', 'the STARTUP run');
    expect(s.sessions[0]).toEqual({ kind: 'in-sync', first: true });
    expect(s.triggers()).toEqual(['STARTUP']);
    expect(startup).toMatchObject({ status: 'CLEAN', storePositionCount: 4, brokerPositionCount: 4 });
    // The feed's starting list was in the store when the run read it.
    expect(s.writerEvents.filter((e) => e.position.source === 'SNAPSHOT').length).toBeGreaterThanOrEqual(4);
  });

  it('SCHEDULED: every interval, counted from the end of the previous run of any trigger', async () => {
    const s = await h.connected();
    const startup = s.runs[0]!;
    expect(s.service.status().nextRunAt).toEqual(new Date(startup.finishedAt.getTime() + INTERVAL));

    h.clock.advance(INTERVAL - 1);
    expect(s.service.status().running).toBe(false);
    h.clock.advance(1);
    expect(s.service.status().running).toBe(true);
    const scheduled = await s.untilRun((r) => r.trigger === 'SCHEDULED', 'the SCHEDULED run');
    expect(scheduled.startedAt).toEqual(new Date(startup.finishedAt.getTime() + INTERVAL));

    h.clock.advance(INTERVAL / 2);
    const manual = await s.service.reconcile();
    expect(s.service.status().nextRunAt).toEqual(new Date(manual.finishedAt.getTime() + INTERVAL));
    h.clock.advance(INTERVAL / 2);
    expect(s.service.status().running).toBe(false);
    h.clock.advance(INTERVAL / 2);
    await s.untilRunCount(4);
    expect(s.triggers()).toEqual(['STARTUP', 'SCHEDULED', 'MANUAL', 'SCHEDULED']);
  });

  it('RECONNECT: after the connection drops and comes back, once the new starting list is stored', async () => {
    const s = await h.connected();
    h.sim.dropAll();
    await until(() => s.core.broker.state === 'DISCONNECTED', 'the adapter to see the drop');
    h.clock.advance(30_000);
    const reconnect = await s.untilRun((r) => r.trigger === 'RECONNECT', 'the RECONNECT run');
    expect(s.sessions).toEqual([
      { kind: 'in-sync', first: true },
      { kind: 'in-sync', first: false },
    ]);
    expect(reconnect.status).toBe('CLEAN');
    expect(s.triggers()).toEqual(['STARTUP', 'RECONNECT']);
  });

  it('RECONNECT: after TWS restores its link to IB, with data kept (1102) or lost (1101)', async () => {
    const s = await h.connected();
    h.sim.sendCode(1102);
    await s.untilRunCount(2);
    h.sim.sendCode(1101);
    await s.untilRunCount(3);
    expect(s.triggers()).toEqual(['STARTUP', 'RECONNECT', 'RECONNECT']);
    expect(s.sessions).toEqual([
      { kind: 'in-sync', first: true },
      { kind: 'restored', dataLost: false },
      { kind: 'restored', dataLost: true },
    ]);
  });

  it('concurrent manual requests during a run get that same run; only one run executes', async () => {
    const s = await h.connected();
    const before = await storedRunCount(s);
    const held = await heldRun(s);
    const joined = [
      s.service.reconcile('MANUAL'),
      s.service.reconcile('MANUAL'),
      s.service.reconcile('SCHEDULED'),
    ];
    held.release();
    const [first, ...others] = await Promise.all([held.run, ...joined]);
    for (const other of others) expect(other).toBe(first);
    expect(h.positionRequests()).toBe(held.requests + 1);
    expect(s.runs).toHaveLength(2);
    expect(await storedRunCount(s)).toBe(before + 1);
  });

  it('a reconnect during a run queues exactly one more run, which takes a fresh snapshot', async () => {
    const s = await h.connected();
    const held = await heldRun(s);
    h.sim.sendCode(1102);
    await until(() => s.sessions.length === 2, 'the restored session event');
    const queued = s.service.reconcile('RECONNECT');
    expect(s.service.reconcile('RECONNECT')).toBe(queued);
    h.sim.delayPositionEnd(0);
    held.release();
    const [manual, reconnect] = await Promise.all([held.run, queued]);
    expect(manual.trigger).toBe('MANUAL');
    expect(reconnect.trigger).toBe('RECONNECT');
    expect(reconnect.id).not.toBe(manual.id);
    expect(reconnect.startedAt.getTime()).toBeGreaterThanOrEqual(manual.finishedAt.getTime());
    expect(h.positionRequests()).toBe(held.requests + 2);
    expect(s.triggers()).toEqual(['STARTUP', 'MANUAL', 'RECONNECT']);
  });

  it('a manual request made while a reconnect run waits its turn joins that run', async () => {
    const s = await h.connected();
    const held = await heldRun(s);
    const queued = s.service.reconcile('RECONNECT');
    h.sim.delayPositionEnd(0);
    held.release();
    await held.run;
    const joined = await s.service.reconcile('MANUAL');
    expect(joined).toBe(await queued);
    expect(s.triggers()).toEqual(['STARTUP', 'MANUAL', 'RECONNECT']);
  });
});

describe('stopping', () => {
  it('stop() cancels the schedule and leaves no timer; closing the core leaves none at all', async () => {
    const s = await h.connected();
    const pending = h.clock.pendingCount;
    await s.service.stop();
    expect(h.clock.pendingCount).toBe(pending - 1);
    expect(s.service.status().nextRunAt).toBeNull();
    h.clock.advance(10 * INTERVAL);
    expect(s.service.status().running).toBe(false);
    expect(s.triggers()).toEqual(['STARTUP']);
    await s.core.close();
    expect(h.clock.pendingCount).toBe(0);
  });

  it('stop() does not wait for a broker that holds a run open: the run is recorded BROKER_UNAVAILABLE', async () => {
    const s = await h.connected();
    const held = await heldRun(s);
    await s.service.stop();
    const run = await held.run;
    expect(run).toMatchObject({ status: 'BROKER_UNAVAILABLE', discrepancyCount: 0 });
    expect(run.error).toMatch(/stopping/);
    expect(await s.core.store.ledger.latestRun()).toEqual(run);
    expect(s.service.status()).toMatchObject({ running: false, nextRunAt: null });
  });

  it('after stop(), a request is refused with a clear error instead of starting a run', async () => {
    const s = await h.connected();
    await s.service.stop();
    await expect(s.service.reconcile()).rejects.toThrow(/stopped/);
    expect(s.triggers()).toEqual(['STARTUP']);
  });
});
