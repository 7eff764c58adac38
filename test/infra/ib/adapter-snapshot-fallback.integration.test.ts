import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BrokerUnavailableError } from '../../../src/domain/errors.js';
import { SPXW_6000_C, SPY_550_P, SPY_600_C } from '../../support/contracts.js';
import { ManualClock } from '../../support/manual-clock.js';
import {
  AdapterHarness,
  type HarnessOptions,
  type RecordedAdapter,
  until,
} from './support/adapter-harness.js';

const FALLBACK_WARNING =
  /^TWS does not serve reqPositionsMulti for this login: snapshots on this connection use reqPositions/;

let h: AdapterHarness;

async function start(options: HarnessOptions = {}): Promise<void> {
  h = await AdapterHarness.start(options);
  h.sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
  h.sim.open('DU111111', SPY_550_P, -4, { averageCost: 310 });
  h.sim.open('DU222222', SPXW_6000_C, -1, { averageCost: 4000 });
}
afterEach(async () => {
  await h.dispose();
});

function simulatorRows() {
  return h.sim.positions().map((p) => ({
    account: p.account,
    conId: p.contract.conId,
    contract: p.contract,
    quantity: p.quantity,
    averageCost: p.averageCost,
  }));
}

/** Position request types client 17 sent on each of its connections. */
function positionRequests(): string[][] {
  return h.sim
    .connections()
    .filter((c) => c.clientId === 17)
    .map((c) => c.requests.map((r) => r.request.type).filter((t) => t.includes('POSITIONS')));
}

function fallbackWarnings(a: RecordedAdapter): number {
  return a.logsAt('warn').filter((l) => FALLBACK_WARNING.test(l.msg)).length;
}

async function rejection(promise: Promise<unknown>): Promise<BrokerUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BrokerUnavailableError);
  return error as BrokerUnavailableError;
}

describe('snapshot() when the login refuses reqPositionsMulti', () => {
  beforeEach(() => start());

  it('takes the snapshot with reqPositions instead, says so once, and keeps to it on that connection', async () => {
    h.sim.refusePositionsMulti(true);
    const a = await h.adapter().startReady();
    const updatesBefore = a.updates.length;
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(a.updates).toHaveLength(updatesBefore);
    expect(fallbackWarnings(a)).toBe(1);
    expect(a.logsAt('warn').find((l) => FALLBACK_WARNING.test(l.msg))?.reason).toMatch(
      /^TWS refused the positions request for DU111111 \(321: .*not supported for this login\)$/,
    );

    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(fallbackWarnings(a)).toBe(1);
    await until(() => positionRequests()[0]?.length === 6, 'every request');
    expect(positionRequests()).toEqual([
      [
        'REQ_POSITIONS',
        'REQ_POSITIONS_MULTI',
        'REQ_POSITIONS_MULTI',
        'CANCEL_POSITIONS_MULTI',
        'REQ_POSITIONS',
        'REQ_POSITIONS',
      ],
    ]);
    expect(a.adapter.state).toBe('READY');
  });

  it('tries reqPositionsMulti again on the next connection, without warning twice', async () => {
    h.sim.refusePositionsMulti(true);
    const clock = new ManualClock();
    const a = await h.adapter({ clock, random: () => 0.5 }).startReady();
    await a.adapter.snapshot();
    h.sim.dropAll();
    await until(() => a.adapter.state === 'DISCONNECTED', 'the drop');
    clock.advance(10);
    await a.untilSessions(2);
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(positionRequests()[1]).toEqual(
      expect.arrayContaining(['REQ_POSITIONS_MULTI', 'REQ_POSITIONS', 'REQ_POSITIONS']),
    );
    expect(fallbackWarnings(a)).toBe(1);

    // Served again: the next connection takes its snapshots with reqPositionsMulti once more.
    h.sim.refusePositionsMulti(false);
    h.sim.dropAll();
    await until(() => a.adapter.state === 'DISCONNECTED', 'the second drop');
    clock.advance(10);
    await a.untilSessions(3);
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([2, 2, 1]);
    expect(h.requestCounts(17, 'REQ_POSITIONS_MULTI')).toEqual([2, 2, 2]);
  });

  it('still never completes short: a withheld positionEnd fails it, and the adapter starts over on a fresh connection', async () => {
    h.sim.refusePositionsMulti(true);
    const TIMEOUT = 15_000;
    const clock = new ManualClock();
    const a = await h.adapter({ clock, random: () => 0.5, snapshotTimeoutMs: TIMEOUT }).startReady();
    h.sim.withholdPositionEnd(true);
    const pending = a.adapter.snapshot();
    await until(() => h.simulatorEvents.some((e) => e.type === 'position-end-withheld'), 'the withheld end');
    clock.advance(TIMEOUT);
    expect((await rejection(pending)).message).toBe(
      `no positionEnd from TWS within ${TIMEOUT} ms: the snapshot is incomplete`,
    );
    // Which positionEnd answers which reqPositions can no longer be known: reconnect, and until
    // then refuse rather than risk completing short.
    await until(() => a.adapter.state === 'DISCONNECTED', 'the deliberate disconnect');
    await rejection(a.adapter.snapshot());
    expect(a.logsAt('warn').map((l) => l.msg)).toContain(
      `reconnecting to TWS to start over: no positionEnd from TWS within ${TIMEOUT} ms for a snapshot`,
    );

    h.sim.withholdPositionEnd(false);
    clock.advance(10);
    await a.untilSessions(2);
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([2, 2]);
  });

  it('refuses a new snapshot while TWS still owes the positionEnd of one given up at 1100, then works again', async () => {
    h.sim.refusePositionsMulti(true);
    const a = await h.adapter().startReady();
    h.sim.delayPositionEnd(5_000);
    const abandoned = a.adapter.snapshot();
    await until(() => (h.requestCounts(17, 'REQ_POSITIONS').at(-1) ?? 0) === 2, 'the fallback request');
    h.sim.sendCode(1100);
    expect((await rejection(abandoned)).message).toMatch(/lost \(1100\) during the snapshot/);
    h.sim.sendCode(1102);
    await until(() => a.adapter.state === 'READY', 'READY again');
    h.sim.delayPositionEnd(0);

    // Its positionEnd is still on its way; a new reqPositions now could be answered by it, short.
    expect((await rejection(a.adapter.snapshot())).message).toBe(
      'TWS has not yet finished answering an earlier snapshot that was given up',
    );
    h.simClock.advance(5_000);
    await until(
      () => a.logs.some((l) => l.msg === 'positionEnd received' && l.givenUp === true),
      'the late end',
    );
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
  });
});

describe('snapshot() with a TWS too old for reqPositionsMulti (server version 102)', () => {
  beforeEach(() => start({ simulator: { serverVersion: 102 } }));

  it('falls back at once: the client refuses to send the request, and the connection is not at fault', async () => {
    const a = await h.adapter().startReady();
    expect((await a.adapter.snapshot()).positions).toEqual(simulatorRows());
    expect(fallbackWarnings(a)).toBe(1);
    expect(a.logsAt('warn').find((l) => FALLBACK_WARNING.test(l.msg))?.reason).toMatch(/\(503: /);
    expect(positionRequests()).toEqual([['REQ_POSITIONS', 'REQ_POSITIONS']]);
    expect(a.adapter.state).toBe('READY');
    expect(a.logsAt('warn')).toHaveLength(1);
  });
});
