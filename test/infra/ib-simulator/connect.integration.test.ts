import { EventName } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { SimulatorHarness, useSimulatorHarness } from './support/simulator-harness.js';

const h = useSimulatorHarness();

describe('connecting the real client', () => {
  it('negotiates the version, lists every account, hands out an id and reports the farms as info', async () => {
    const client = await h.client(7);
    await client.waitUntil(() => client.count(EventName.info) >= 3, 'three farm notices');
    expect(client.all(EventName.server)[0]?.[0]).toBe(176);
    expect(client.all(EventName.server)[0]?.[1]).toMatch(/^\d{8} \d\d:\d\d:\d\d GMT$/);
    expect(client.all(EventName.managedAccounts)).toEqual([['DU111111,DU222222']]);
    expect(client.all(EventName.nextValidId)).toEqual([[1]]);
    expect(client.infos().map((i) => i.code)).toEqual([2104, 2106, 2158]);
    expect(client.infos()[0]?.message).toBe('Market data farm connection is OK:usfarm');
    expect(client.errors()).toEqual([]);
  });

  it('answers reqIds, reqManagedAccts and reqCurrentTime', async () => {
    const client = await h.client(3);
    const after = client.mark();
    client.api.reqIds(1);
    client.api.reqManagedAccts();
    client.api.reqCurrentTime();
    await client.waitFor(EventName.currentTime, () => true, { after });
    expect(client.all(EventName.nextValidId)).toEqual([[1], [1]]);
    expect(client.all(EventName.managedAccounts)).toEqual([['DU111111,DU222222'], ['DU111111,DU222222']]);
    expect(client.all(EventName.currentTime)).toEqual([[h.clock.now().getTime() / 1000]]);
    expect(h.sim.requestsOf(3).map((r) => r.request.type)).toEqual([
      'START_API',
      'REQ_IDS',
      'REQ_MANAGED_ACCTS',
      'REQ_CURRENT_TIME',
    ]);
    expect(client.errors()).toEqual([]);
  });

  it('lists connected clients with their id, remote port and connection time', async () => {
    const client = await h.client(5);
    const [listed] = h.sim.clients();
    expect(listed).toMatchObject({ clientId: 5, serverVersion: 176, connectedAt: h.clock.now() });
    expect(listed?.remotePort).toBeGreaterThan(0);
    expect(h.sim.connectionsAccepted).toBe(1);
    await client.disconnect();
    await expect.poll(() => h.sim.clients(), { timeout: 10_000 }).toEqual([]);
    expect(h.sim.connections()).toMatchObject([{ clientId: 5, open: false }]);
    expect(h.simulatorEvents.map((e) => e.type)).toEqual(
      expect.arrayContaining(['connection-accepted', 'client-ready', 'connection-closed']),
    );
  });

  it('offers a lower version when asked and the client accepts it', async () => {
    const other = await SimulatorHarness.start({ serverVersion: 151, accounts: ['U1234567'] });
    try {
      const client = await other.client(1);
      expect(client.all(EventName.server)[0]?.[0]).toBe(151);
      expect(client.all(EventName.managedAccounts)).toEqual([['U1234567']]);
    } finally {
      await other.dispose();
    }
  });
});
