import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SPXW_6000_C, SPY_550_P, SPY_600_C } from '../../support/contracts.js';
import { ManualClock } from '../../support/manual-clock.js';
import { AdapterHarness, type RecordedAdapter, until } from './support/adapter-harness.js';

let h: AdapterHarness;
beforeEach(async () => {
  h = await AdapterHarness.start();
  h.sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
  h.sim.open('DU222222', SPXW_6000_C, -1, { averageCost: 4000 });
});
afterEach(async () => {
  await h.dispose();
});

function reconnectDelays(a: RecordedAdapter): unknown[] {
  return a.logs.filter((l) => l.msg === 'reconnecting to TWS').map((l) => l.delayMs);
}

describe('recovering from TWS outages', () => {
  it('after every socket is dropped: reconnects, subscribes once more, signals it, shows what changed meanwhile', async () => {
    const clock = new ManualClock();
    const a = await h.adapter({ clock, random: () => 0.5 }).startReady();
    h.sim.dropAll();
    await until(() => a.adapter.state === 'DISCONNECTED', 'the drop');
    h.sim.change('DU222222', SPXW_6000_C.conId, -7);
    const mark = a.updates.length;

    clock.advance(10);
    await a.untilSessions(2);
    expect(a.sessions).toEqual([
      { kind: 'in-sync', first: true },
      { kind: 'in-sync', first: false },
    ]);
    expect(a.updates.slice(mark).find((u) => u.conId === SPXW_6000_C.conId)).toMatchObject({
      quantity: -7,
      source: 'SNAPSHOT',
    });
    expect(a.stateNames()).toEqual([
      'CONNECTING',
      'CONNECTED',
      'READY',
      'DISCONNECTED',
      'CONNECTING',
      'CONNECTED',
      'READY',
    ]);
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([1, 1]);
    expect(h.requestCounts(17, 'REQ_ACCT_DATA')).toEqual([1, 1]);
    expect(h.sim.connectionsAccepted).toBe(2);
    expect(a.logsAt('warn').map((l) => l.msg)).toEqual([
      `lost the connection to TWS or IB Gateway at 127.0.0.1:${h.sim.port} (TWS restarts once a day); reconnecting with backoff`,
    ]);

    // Stopping leaves no timer behind, and no reconnect comes after it.
    await a.adapter.stop();
    expect(clock.pendingCount).toBe(0);
    expect(a.adapter.state).toBe('DISCONNECTED');
  });

  it('through a restart that refuses connections for a while: keeps retrying quietly, then resumes', async () => {
    const a = await h.adapter().startReady();
    const restarted = h.sim.restart({ refuseForMs: 60_000 });
    await until(() => a.adapter.state === 'DISCONNECTED', 'the restart');
    await until(() => reconnectDelays(a).length >= 3, 'a few refused attempts');
    h.sim.open('DU111111', SPY_550_P, -2, { marketPrice: 3 });

    h.simClock.advance(60_000);
    await restarted;
    await a.untilSessions(2);
    expect(a.sessions.at(-1)).toEqual({ kind: 'in-sync', first: false });
    expect(a.adapter.book().map((p) => [p.conId, p.quantity])).toEqual([
      [SPY_600_C.conId, 2],
      [SPY_550_P.conId, -2],
      [SPXW_6000_C.conId, -1],
    ]);
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([1, 1]);
    expect(h.requestCounts(17, 'REQ_ACCT_DATA')).toEqual([1, 1]);
    expect(a.logsAt('warn')).toHaveLength(1);
    expect(a.logs.some((l) => l.level === 'debug' && String(l.msg).includes('ECONNREFUSED'))).toBe(true);
    expect(a.adapter.status().lastError).toMatch(/ECONNREFUSED/);
  });

  it('after 1101 (restored, data lost): subscribes again on the same connection and signals it', async () => {
    const a = await h.adapter().startReady();
    h.sim.silently.change('DU111111', SPY_600_C.conId, 9);
    const mark = a.updates.length;
    h.sim.sendCode(1100);
    await until(() => a.adapter.state === 'CONNECTED', 'data unreliable');
    h.sim.sendCode(1101);
    await a.untilSessions(2);

    expect(a.sessions.at(-1)).toEqual({ kind: 'restored', dataLost: true });
    expect(a.adapter.state).toBe('READY');
    expect(a.updates.slice(mark).find((u) => u.conId === SPY_600_C.conId)).toMatchObject({
      quantity: 9,
      source: 'SNAPSHOT',
    });
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([2]);
    expect(h.requestCounts(17, 'REQ_ACCT_DATA')).toEqual([2]);
    expect(h.sim.connectionsAccepted).toBe(1);

    h.sim.change('DU222222', SPXW_6000_C.conId, 4);
    await a.untilUpdate((u) => u.quantity === 4 && u.source === 'STREAM', 'live changes again');
  });

  it('treats 2110 like 1100: data unreliable, snapshots refused, until TWS reports the link restored', async () => {
    const a = await h.adapter().startReady();
    h.sim.sendCode(2110);
    await until(() => a.adapter.state === 'CONNECTED', 'data unreliable');
    await expect(a.adapter.snapshot()).rejects.toThrow(/lost \(2110\)/);
    expect(a.adapter.status().lastError).toMatch(/^2110: /);
    h.sim.sendCode(1102);
    await a.untilSessions(2);
    expect(a.adapter.state).toBe('READY');
    expect(a.stateNames().slice(-2)).toEqual(['CONNECTED', 'READY']);
  });

  it('after 1102 (restored, data kept): signals it and subscribes nothing again', async () => {
    const a = await h.adapter().startReady();
    h.sim.sendCode(1102);
    await a.untilSessions(2);
    expect(a.sessions.at(-1)).toEqual({ kind: 'restored', dataLost: false });
    // The snapshot's own request reaches TWS after anything sent before it.
    await a.adapter.snapshot();
    expect(h.requestCounts(17, 'REQ_POSITIONS')).toEqual([1]);
    expect(h.requestCounts(17, 'REQ_POSITIONS_MULTI')).toEqual([2]);
    expect(h.requestCounts(17, 'REQ_ACCT_DATA')).toEqual([1]);
  });

  it('retries a client id in use (326) with backoff, says what to do once, and connects when it is free', async () => {
    const holder = await h.adapter().startReady();
    const clock = new ManualClock();
    const a = h.adapter({ clock, random: () => 0.5 });
    a.adapter.start();
    await until(() => reconnectDelays(a).length === 1, 'the first refusal');
    clock.advance(10);
    await until(() => reconnectDelays(a).length === 2, 'the second refusal');
    expect(reconnectDelays(a)).toEqual([10, 20]);
    expect(h.simulatorEvents.filter((e) => e.type === 'client-rejected')).toHaveLength(2);
    const warnings = a.logsAt('warn').map((l) => l.msg);
    expect(warnings).toEqual([expect.stringContaining('refused client id 17 (code 326)')]);
    expect(warnings[0]).toContain('--ib-client-id or IB_CLIENT_ID');
    expect(a.adapter.status().lastError).toMatch(/^326: .*already in use/);

    await holder.adapter.stop();
    await until(() => h.sim.clients().length === 0, 'the holder to leave');
    clock.advance(20);
    await a.untilSessions(1);
    expect(a.adapter.state).toBe('READY');
    expect(a.sessions).toEqual([{ kind: 'in-sync', first: true }]);
  });
});
