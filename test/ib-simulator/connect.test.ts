import { EventName } from '@stoqey/ib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulatorHarness } from './support/simulator-harness.js';

let h: SimulatorHarness;
beforeEach(async () => {
  h = await SimulatorHarness.start();
});
afterEach(async () => {
  await h.dispose();
});

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
});
