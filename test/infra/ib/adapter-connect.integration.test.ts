import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SPXW_6000_C, SPY_600_C } from '../../support/contracts.js';
import { AdapterHarness, until } from './support/adapter-harness.js';

let h: AdapterHarness;
beforeEach(async () => {
  h = await AdapterHarness.start();
  h.sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
  h.sim.open('DU222222', SPXW_6000_C, -1, { averageCost: 4000 });
});
afterEach(async () => {
  await h.dispose();
});

describe('connecting', () => {
  it('publishes DISCONNECTED → CONNECTING → CONNECTED → READY, READY only once TWS sent nextValidId', async () => {
    const a = h.adapter();
    expect(a.adapter.state).toBe('DISCONNECTED');
    const readyAt: number[] = [];
    a.adapter.onStateChange((c) => {
      if (c.state === 'READY') readyAt.push(h.simulatorEvents.length);
    });
    await a.startReady();

    expect(a.stateNames()).toEqual(['CONNECTING', 'CONNECTED', 'READY']);
    expect(a.states.map((s) => s.previous)).toEqual(['DISCONNECTED', 'CONNECTING', 'CONNECTED']);
    // The simulator sends NEXT_VALID_ID while handling START_API, then records `client-ready`.
    const clientReady = h.simulatorEvents.findIndex((e) => e.type === 'client-ready');
    expect(clientReady).toBeGreaterThanOrEqual(0);
    expect(readyAt[0]).toBeGreaterThan(clientReady);
    expect(a.sessions).toEqual([{ kind: 'in-sync', first: true }]);
  });

  it('subscribes both feeds once, on one TCP connection, and reports its status', async () => {
    const a = await h.adapter().startReady();
    await a.adapter.snapshot();
    h.sim.change('DU111111', SPY_600_C.conId, 3);
    await a.untilUpdate((u) => u.quantity === 3 && u.source === 'STREAM', 'the pushed change');

    expect(h.sim.connectionsAccepted).toBe(1);
    expect(h.sim.clients().map((c) => c.clientId)).toEqual([17]);
    const requests = h.sim.requestsOf(17).map((r) => r.request);
    expect(requests.filter((r) => r.type === 'REQ_ACCT_DATA')).toEqual([
      { type: 'REQ_ACCT_DATA', subscribe: true, account: 'DU111111' },
    ]);
    // One list for the feed; one request per account for the snapshot.
    expect(requests.filter((r) => r.type === 'REQ_POSITIONS')).toHaveLength(1);
    expect(requests.filter((r) => r.type === 'REQ_POSITIONS_MULTI')).toEqual([
      { type: 'REQ_POSITIONS_MULTI', reqId: 1, account: 'DU111111', modelCode: '' },
      { type: 'REQ_POSITIONS_MULTI', reqId: 2, account: 'DU222222', modelCode: '' },
    ]);
    expect(a.adapter.portfolioAccount()).toBe('DU111111');

    const status = a.adapter.status();
    expect(status).toMatchObject({
      state: 'READY',
      host: '127.0.0.1',
      port: h.sim.port,
      clientId: 17,
      accounts: ['DU111111', 'DU222222'],
      serverVersion: 176,
      lastError: null,
    });
    expect(status.connectedSince).toBeInstanceOf(Date);
    expect(status.lastMessageAt).toBeInstanceOf(Date);
  });

  it('subscribes the configured account, and with an account TWS does not manage says so once and streams positions anyway', async () => {
    const chosen = await h.adapter({ account: 'DU222222' }).startReady();
    expect(chosen.adapter.portfolioAccount()).toBe('DU222222');
    await chosen.adapter.stop();
    await until(() => h.sim.clients().length === 0, 'the first adapter to leave');

    const wrong = await h.adapter({ account: 'U999', clientId: 18 }).startReady();
    expect(wrong.logsAt('error').map((l) => l.msg)).toEqual([
      expect.stringMatching(
        /^IB account U999 is not managed by this TWS login \(it manages DU111111, DU222222\)/,
      ),
    ]);
    expect(h.requestCounts(18, 'REQ_ACCT_DATA')).toEqual([0]);
    expect(wrong.adapter.portfolioAccount()).toBeUndefined();
    expect(wrong.updates.map((u) => [u.account, u.quantity])).toEqual([
      ['DU111111', 2],
      ['DU222222', -1],
    ]);
  });

  it('stops cleanly: disconnects, ends iterators, and cannot be started again', async () => {
    const a = await h.adapter().startReady();
    const updates = a.adapter.updates();
    const states = a.adapter.stateChanges();
    const nextUpdate = updates.next();
    await a.adapter.stop();
    await expect(nextUpdate).resolves.toEqual({ value: undefined, done: true });
    await expect(states.next()).resolves.toEqual({ value: undefined, done: true });
    expect(a.adapter.state).toBe('DISCONNECTED');
    expect(a.adapter.updateListenerCount).toBe(0);
    await until(() => h.sim.clients().length === 0, 'the simulator to see the client leave');
    expect(() => a.adapter.start()).toThrow(/cannot start again/);
    await expect(a.adapter.snapshot()).rejects.toMatchObject({ code: 'BROKER_UNAVAILABLE' });
  });
});
