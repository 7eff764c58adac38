import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerUnavailableError } from '../../src/domain/errors.js';
import type { CompleteSnapshot } from '../../src/domain/ports/broker-port.js';
import { AAPL_230_P, SPXW_6000_C, SPY_550_P, SPY_600_C } from '../support/contracts.js';
import { ManualClock } from '../support/manual-clock.js';
import { AdapterHarness, type RecordedAdapter, until } from './support/adapter-harness.js';

let h: AdapterHarness;
beforeEach(async () => {
  h = await AdapterHarness.start();
  h.sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
  h.sim.open('DU111111', SPY_550_P, -4, { averageCost: 310 });
  h.sim.open('DU222222', SPXW_6000_C, -1, { averageCost: 4000 });
  h.sim.open('DU222222', AAPL_230_P, 3, { averageCost: 250 });
  h.sim.close('DU222222', AAPL_230_P.conId);
});
afterEach(async () => {
  await h.dispose();
});

/** The simulator's rows as a complete snapshot must list them. */
function simulatorRows() {
  return h.sim.positions().map((p) => ({
    account: p.account,
    conId: p.contract.conId,
    contract: p.contract,
    quantity: p.quantity,
    averageCost: p.averageCost,
  }));
}

/** Waits until the simulator has received `count` reqPositions from client 17 on its latest connection. */
function untilPositionRequests(count: number): Promise<void> {
  return until(() => (h.requestCounts(17, 'REQ_POSITIONS').at(-1) ?? 0) >= count, `${count} reqPositions`);
}

async function rejection(promise: Promise<unknown>): Promise<BrokerUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BrokerUnavailableError);
  return error as BrokerUnavailableError;
}

describe('snapshot()', () => {
  it('returns exactly the positions TWS lists, closed rows included, and emits none of them', async () => {
    const a = await h.adapter().startReady();
    const updatesBefore = a.updates.length;
    const snapshot = await a.adapter.snapshot();
    expect(snapshot.positions).toEqual(simulatorRows());
    expect(snapshot.positions.find((p) => p.conId === AAPL_230_P.conId)?.quantity).toBe(0);
    expect(snapshot.completedAt.getTime()).toBeGreaterThanOrEqual(snapshot.startedAt.getTime());
    expect(a.updates).toHaveLength(updatesBefore);
  });

  it('shows a change TWS never pushed, without turning it into an update; the book learns it', async () => {
    const a = await h.adapter().startReady();
    const updatesBefore = a.updates.length;
    h.sim.silently.change('DU222222', SPXW_6000_C.conId, -5);
    h.sim.remove('DU111111', SPY_550_P.conId, { silent: true });

    const snapshot = await a.adapter.snapshot();
    expect(snapshot.positions).toEqual(simulatorRows());
    expect(snapshot.positions.find((p) => p.conId === SPXW_6000_C.conId)?.quantity).toBe(-5);
    expect(snapshot.positions.some((p) => p.conId === SPY_550_P.conId)).toBe(false);
    expect(a.updates).toHaveLength(updatesBefore);
    expect(a.adapter.book().map((p) => [p.conId, p.quantity])).toEqual([
      [SPY_600_C.conId, 2],
      [SPXW_6000_C.conId, -5],
    ]);
  });

  it('is shared by concurrent callers: one request to TWS', async () => {
    const a = await h.adapter().startReady();
    const [first, second] = await Promise.all([a.adapter.snapshot(), a.adapter.snapshot()]);
    expect(second).toBe(first);
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([2]);
  });

  it('fails at once when not connected, and while TWS reports its link to IB lost (1100)', async () => {
    const idle = h.adapter();
    const notStarted = await rejection(idle.adapter.snapshot());
    expect(notStarted.message).toBe(`not connected to TWS at 127.0.0.1:${h.sim.port}`);
    expect(notStarted.code).toBe('BROKER_UNAVAILABLE');

    const a = await h.adapter({ clientId: 18 }).startReady();
    h.sim.sendCode(1100);
    await until(() => a.adapter.state === 'CONNECTED', 'the state to leave READY');
    expect((await rejection(a.adapter.snapshot())).message).toMatch(
      /connection to IB lost \(1100\).*unreliable/,
    );
    h.sim.sendCode(1102);
    await until(() => a.adapter.state === 'READY', 'READY again');
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
  });

  it('fails at once when the connection drops in the middle', async () => {
    const a = await h.adapter().startReady();
    h.sim.delayPositionEnd(60_000);
    const pending = a.adapter.snapshot();
    await untilPositionRequests(2);
    h.sim.dropAll();
    expect((await rejection(pending)).message).toBe(
      `the connection to TWS at 127.0.0.1:${h.sim.port} dropped during the snapshot`,
    );
  });

  it('refuses a new snapshot while TWS still owes the end of one given up at 1100, then works again', async () => {
    const a = await h.adapter().startReady();
    h.sim.delayPositionEnd(5_000);
    const abandoned = a.adapter.snapshot();
    await untilPositionRequests(2);
    h.sim.sendCode(1100);
    expect((await rejection(abandoned)).message).toMatch(/lost \(1100\) during the snapshot/);
    h.sim.sendCode(1102);
    await until(() => a.adapter.state === 'READY', 'READY again');
    h.sim.delayPositionEnd(0);

    // Its positionEnd is still on its way; a new snapshot now could be answered by it, short.
    expect((await rejection(a.adapter.snapshot())).message).toBe(
      'TWS has not yet finished answering an earlier snapshot that was given up',
    );
    h.simClock.advance(5_000);
    await until(
      () => a.logs.some((l) => l.msg === 'positionEnd received' && l.givenUp === true),
      'the late end',
    );
    const updatesBefore = a.updates.length;
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(a.updates).toHaveLength(updatesBefore);
  });
});

describe('snapshot() timing out, on a clock the test moves', () => {
  const TIMEOUT = 15_000;
  let clock: ManualClock;
  let a: RecordedAdapter;
  beforeEach(async () => {
    clock = new ManualClock();
    a = await h.adapter({ clock, random: () => 0.5, snapshotTimeoutMs: TIMEOUT }).startReady();
  });

  it('fails with the typed error when positionEnd is withheld, then starts over on a fresh connection', async () => {
    h.sim.withholdPositionEnd(true);
    let settled: CompleteSnapshot | Error | undefined;
    const pending = a.adapter.snapshot();
    pending.then(
      (s) => {
        settled = s;
      },
      (e: Error) => {
        settled = e;
      },
    );
    await until(() => h.simulatorEvents.some((e) => e.type === 'position-end-withheld'), 'the withheld end');
    clock.advance(TIMEOUT - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBeUndefined();

    clock.advance(1);
    expect((await rejection(pending)).message).toBe(
      `no positionEnd from TWS within ${TIMEOUT} ms: the snapshot is incomplete`,
    );
    // Which positionEnd answers which request can no longer be known: the adapter reconnects, and
    // until it has, the next snapshot fails too rather than risk completing short.
    await until(() => a.adapter.state === 'DISCONNECTED', 'the deliberate disconnect');
    await rejection(a.adapter.snapshot());
    expect(a.logsAt('warn').map((l) => l.msg)).toContain(
      `reconnecting to TWS to start over: no positionEnd from TWS within ${TIMEOUT} ms for a snapshot`,
    );

    h.sim.withholdPositionEnd(false);
    clock.advance(10);
    await a.untilSessions(2);
    expect(a.sessions.at(-1)).toEqual({ kind: 'ready', first: false });
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([2, 2]);
  });
});
