import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerUnavailableError } from '../../../src/domain/errors.js';
import type { CompleteSnapshot } from '../../../src/domain/ports/broker-port.js';
import { AAPL_230_P, SPXW_6000_C, SPY_550_P, SPY_600_C } from '../../support/contracts.js';
import { ManualClock } from '../../support/manual-clock.js';
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

/** The positions-multi requests and cancellations of client 17's latest connection, in order. */
function multiRequests(): string[] {
  return h.sim.requestsOf(17).flatMap(({ request: r }) => {
    if (r.type === 'REQ_POSITIONS_MULTI') return [`req ${r.reqId} ${r.account}${r.modelCode}`];
    if (r.type === 'CANCEL_POSITIONS_MULTI') return [`cancel ${r.reqId}`];
    return [];
  });
}

function untilMultiRequests(count: number): Promise<void> {
  return until(
    () => multiRequests().filter((r) => r.startsWith('req ')).length >= count,
    `${count} reqPositionsMulti`,
  );
}

function untilCancelled(count: number): Promise<void> {
  return until(
    () => multiRequests().filter((r) => r.startsWith('cancel ')).length >= count,
    `${count} cancelPositionsMulti`,
  );
}

async function rejection(promise: Promise<unknown>): Promise<BrokerUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BrokerUnavailableError);
  return error as BrokerUnavailableError;
}

/** Follows a promise without awaiting it: `state()` is what it has come to so far. */
function track<T>(promise: Promise<T>): { state: () => 'pending' | T | Error } {
  let state: 'pending' | T | Error = 'pending';
  promise.then(
    (value) => {
      state = value;
    },
    (error: Error) => {
      state = error;
    },
  );
  return { state: () => state };
}

describe('snapshot()', () => {
  it('asks each managed account once with reqPositionsMulti, cancels each after, and returns exactly what TWS lists', async () => {
    const a = await h.adapter().startReady();
    const updatesBefore = a.updates.length;
    const snapshot = await a.adapter.snapshot();
    expect(snapshot.positions).toEqual(simulatorRows());
    expect(snapshot.positions.find((p) => p.conId === AAPL_230_P.conId)?.quantity).toBe(0);
    expect(snapshot.completedAt.getTime()).toBeGreaterThanOrEqual(snapshot.startedAt.getTime());
    // Snapshot rows are evidence for reconciliation, never updates.
    expect(a.updates).toHaveLength(updatesBefore);

    await untilCancelled(2);
    expect(multiRequests()).toEqual(['req 1 DU111111', 'req 2 DU222222', 'cancel 1', 'cancel 2']);
    // The live feed's own reqPositions is the only one.
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([1]);

    // The next snapshot uses fresh ids.
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    await untilCancelled(4);
    expect(multiRequests().slice(4)).toEqual(['req 3 DU111111', 'req 4 DU222222', 'cancel 3', 'cancel 4']);
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

  it('emits a trade made while the snapshot is being answered as a live update, and lists the broker as it is', async () => {
    const a = await h.adapter().startReady();
    h.sim.delayPositionEnd(5_000);
    const timers = h.simClock.pendingCount;
    const pending = track(a.adapter.snapshot());
    await until(() => h.simClock.pendingCount === timers + 2, 'both ends held back');

    // Closed in one account, changed in the other, opened in a third key: all pushed by TWS.
    h.sim.close('DU111111', SPY_600_C.conId);
    h.sim.change('DU222222', SPXW_6000_C.conId, -3);
    h.sim.open('DU222222', SPY_550_P, 1, { averageCost: 290 });
    await a.untilUpdate((u) => u.conId === SPY_550_P.conId && u.account === 'DU222222', 'the opened put');
    const live = a.updates.filter((u) => u.source === 'STREAM').map((u) => [u.account, u.conId, u.quantity]);
    expect(live).toEqual(
      expect.arrayContaining([
        ['DU111111', SPY_600_C.conId, 0],
        ['DU222222', SPXW_6000_C.conId, -3],
        ['DU222222', SPY_550_P.conId, 1],
      ]),
    );
    expect(pending.state()).toBe('pending');

    h.simClock.advance(5_000);
    await until(() => pending.state() !== 'pending', 'the snapshot');
    expect((pending.state() as CompleteSnapshot).positions).toEqual(simulatorRows());
    expect(a.adapter.book({ includeClosed: true }).map((p) => [p.account, p.conId, p.quantity])).toEqual([
      ['DU111111', SPY_600_C.conId, 0],
      ['DU111111', SPY_550_P.conId, -4],
      ['DU222222', SPY_550_P.conId, 1],
      ['DU222222', SPXW_6000_C.conId, -3],
      ['DU222222', AAPL_230_P.conId, 0],
    ]);
  });

  it('is shared by concurrent callers: one request per account', async () => {
    const a = await h.adapter().startReady();
    const [first, second] = await Promise.all([a.adapter.snapshot(), a.adapter.snapshot()]);
    expect(second).toBe(first);
    expect(h.requestCounts(17, 'REQ_POSITIONS_MULTI')).toEqual([2]);
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
    await untilMultiRequests(2);
    h.sim.dropAll();
    expect((await rejection(pending)).message).toBe(
      `the connection to TWS at 127.0.0.1:${h.sim.port} dropped during the snapshot`,
    );
  });

  it('fails at 1100 in the middle and cancels its requests; after 1102 the next snapshot goes ahead at once', async () => {
    const a = await h.adapter().startReady();
    h.sim.delayPositionEnd(5_000);
    const abandoned = a.adapter.snapshot();
    await untilMultiRequests(2);
    h.sim.sendCode(1100);
    expect((await rejection(abandoned)).message).toMatch(/lost \(1100\) during the snapshot/);
    await untilCancelled(2);
    h.sim.sendCode(1102);
    await until(() => a.adapter.state === 'READY', 'READY again');

    h.sim.delayPositionEnd(0);
    const updatesBefore = a.updates.length;
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(a.updates).toHaveLength(updatesBefore);
    expect(multiRequests().slice(0, 2)).toEqual(['req 1 DU111111', 'req 2 DU222222']);
    expect(multiRequests()).toContain('req 3 DU111111');
  });

  it('fails with the typed error when TWS answers a request with an error carrying its id', async () => {
    const a = await h.adapter().startReady();
    h.sim.refusePositionsMulti(true, { code: 322, message: 'Error processing request: service busy' });
    const error = await rejection(a.adapter.snapshot());
    expect(error.message).toBe(
      'TWS refused the positions request for DU111111 (322: Error processing request: service busy)',
    );
    // The other account's request was refused too; nothing is left open, and nothing fell back.
    await until(() => a.logs.some((l) => l.msg.startsWith('ignored an error')), 'the second refusal');
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([1]);
    expect(a.logsAt('warn').map((l) => l.msg)).toEqual(['broker snapshot failed']);
    expect(a.adapter.state).toBe('READY');

    h.sim.refusePositionsMulti(false);
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
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

  it('fails with the typed error when the end is withheld, cancels, and the same connection serves the next', async () => {
    h.sim.withholdPositionEnd(true);
    const pending = track(a.adapter.snapshot());
    await until(
      () => h.simulatorEvents.filter((e) => e.type === 'position-end-withheld').length === 2,
      'both withheld ends',
    );
    clock.advance(TIMEOUT - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pending.state()).toBe('pending');

    clock.advance(1);
    await until(() => pending.state() !== 'pending', 'the timeout');
    expect(pending.state()).toBeInstanceOf(BrokerUnavailableError);
    expect((pending.state() as Error).message).toBe(
      `no positionMultiEnd from TWS within ${TIMEOUT} ms for DU111111, DU222222: the snapshot is incomplete`,
    );
    await untilCancelled(2);

    // Ids tell every answer apart: no need to start over on a fresh connection.
    h.sim.withholdPositionEnd(false);
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(h.sim.connectionsAccepted).toBe(1);
    expect(a.adapter.state).toBe('READY');
  });

  it('never completes a later snapshot with the late end of one that timed out', async () => {
    h.sim.delayPositionEnd(20_000);
    const timers = h.simClock.pendingCount;
    const first = track(a.adapter.snapshot());
    await until(() => h.simClock.pendingCount === timers + 2, 'both ends held back');
    // The next snapshot's ends never come, so only a wrong end could complete it.
    h.sim.delayPositionEnd(0);
    h.sim.withholdPositionEnd(true);

    // All in one go, so that TWS sends the first snapshot's ends before it has read their
    // cancellations: they reach the adapter while the second snapshot waits.
    clock.advance(TIMEOUT);
    const second = track(a.adapter.snapshot());
    h.simClock.advance(20_000);

    await until(() => first.state() !== 'pending', 'the first snapshot to time out');
    expect(first.state()).toBeInstanceOf(BrokerUnavailableError);
    await untilMultiRequests(4);
    await until(
      () => a.logs.filter((l) => l.msg === 'ignored the end of a snapshot request that is over').length === 2,
      'both late ends to arrive and be ignored',
    );
    expect(a.logs.filter((l) => l.msg.startsWith('ignored the end')).map((l) => l.reqId)).toEqual([1, 2]);
    await until(
      () => h.simulatorEvents.filter((e) => e.type === 'position-end-withheld').length === 2,
      'the second snapshot to be answered without its ends',
    );
    expect(second.state()).toBe('pending');

    clock.advance(TIMEOUT);
    await until(() => second.state() !== 'pending', 'the second snapshot to time out');
    expect((second.state() as Error).message).toMatch(
      /^no positionMultiEnd from TWS within 15000 ms for DU111111, DU222222/,
    );
  });
});
