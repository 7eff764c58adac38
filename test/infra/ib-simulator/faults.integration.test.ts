import { connect as connectTcp, type Socket } from 'node:net';
import { EventName } from '@stoqey/ib';
import { afterEach, describe, expect, it } from 'vitest';
import { SimulatorError } from '../../../src/infra/ib-simulator/simulator-error.js';
import { NVDA_STOCK, SPXW_6000_C, SPY_600_C } from '../../support/contracts.js';
import type { RecordingClient } from './support/recording-client.js';
import { SimulatorHarness, useSimulatorHarness } from './support/simulator-harness.js';

const h = useSimulatorHarness({
  allowClientErrors: true,
  book: (sim) => {
    sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
    sim.open('DU222222', SPXW_6000_C, -1, { averageCost: 4000 });
  },
});
const rawSockets: Socket[] = [];
afterEach(() => {
  for (const socket of rawSockets.splice(0)) socket.destroy();
});

/** Connects a plain socket: 'connected', or the error code when that fails. */
function connectionOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connectTcp(port, '127.0.0.1');
    rawSockets.push(socket);
    socket.once('connect', () => resolve('connected'));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function names(client: RecordingClient, after = 0): string[] {
  return client.events.slice(after).map((e) => e.name);
}

async function requestPositions(client: RecordingClient): Promise<number> {
  const after = client.mark();
  client.api.reqPositions();
  await client.waitUntil(() => client.all(EventName.position).length >= 2, 'the snapshot rows');
  return after;
}

describe('connection faults', () => {
  it('rejects a duplicate client id with notice 326, then closes that socket only', async () => {
    const first = await h.client(9);
    const second = h.unconnected(9);
    second.connect();
    await second.waitFor(EventName.disconnected);
    expect(second.infos()).toEqual([
      { message: expect.stringContaining('client id is already in use'), code: 326 },
    ]);
    expect(names(second)).toEqual([
      EventName.connected,
      EventName.server,
      EventName.info,
      EventName.disconnected,
    ]);
    expect(second.errors()).toEqual([]);
    await first.roundTrip();
    expect(h.sim.clients().map((c) => c.clientId)).toEqual([9]);
  });

  it('reports connectivity codes 1100, 1101, 1102 and 2110 as info to every client', async () => {
    const clients = [await h.client(1), await h.client(2)];
    const message = 'Connectivity between IB and Trader Workstation has been lost.';
    expect(h.sim.sendCode(1100)).toBe(2);
    h.sim.sendCode(1102);
    h.sim.sendCode(2110, 'custom text');
    for (const client of clients) {
      await client.waitUntil(() => client.infos().some((i) => i.code === 2110), 'notice 2110');
      expect(client.infos().slice(3)).toEqual([
        { message, code: 1100 },
        {
          message: 'Connectivity between IB and Trader Workstation has been restored - data maintained.',
          code: 1102,
        },
        { message: 'custom text', code: 2110 },
      ]);
      expect(client.errors()).toEqual([]);
    }
    expect(() => h.sim.sendCode(1234 as 1100)).toThrow(SimulatorError);
  });

  it('forgets every subscription with 1101 (data lost) until the client asks again', async () => {
    const client = await h.client(1);
    await requestPositions(client);
    client.api.reqAccountUpdates(true, 'DU111111');
    await client.waitFor(EventName.accountDownloadEnd);
    h.sim.sendCode(1101);
    await client.waitFor(EventName.info, ([, code]) => code === 1101);
    const mark = client.mark();
    h.sim.change('DU111111', SPY_600_C.conId, 5);
    await client.roundTrip();
    expect(names(client, mark)).toEqual([EventName.currentTime]);

    client.api.reqPositions();
    await client.waitFor(EventName.positionEnd, () => true, { after: mark });
    expect(client.all(EventName.position).at(-2)?.[2]).toBe(5);
  });

  it('withholds positionEnd while asked to, then answers again', async () => {
    const client = await h.client(1);
    h.sim.withholdPositionEnd(true);
    const mark = await requestPositions(client);
    await client.roundTrip();
    expect(names(client, mark)).not.toContain(EventName.positionEnd);
    expect(h.simulatorEvents.some((e) => e.type === 'position-end-withheld')).toBe(true);

    h.sim.withholdPositionEnd(false);
    const again = client.mark();
    client.api.reqPositions();
    await client.waitFor(EventName.positionEnd, () => true, { after: again });
    expect(client.count(EventName.positionEnd)).toBe(1);
  });

  it('delays positionEnd by the given time on the simulator clock', async () => {
    const client = await h.client(1);
    h.sim.delayPositionEnd(5_000);
    const mark = await requestPositions(client);
    h.clock.advance(4_999);
    await client.roundTrip();
    expect(names(client, mark)).not.toContain(EventName.positionEnd);
    h.clock.advance(1);
    await client.waitFor(EventName.positionEnd, () => true, { after: mark });
  });

  it('sends one client a malformed frame: it reports error 505, every client keeps working', async () => {
    const target = await h.client(1);
    const bystander = await h.client(2);
    await requestPositions(target);
    await requestPositions(bystander);
    h.sim.sendMalformed(1);
    await target.waitFor(EventName.error);
    expect(target.errors()).toEqual([
      { message: expect.stringMatching(/Underrun error on POSITION/), code: 505, reqId: -1 },
    ]);

    h.sim.change('DU111111', SPY_600_C.conId, 3);
    for (const client of [target, bystander]) {
      await client.waitUntil(() => client.all(EventName.position).some((p) => p[2] === 3), 'the next push');
    }
    expect(bystander.errors()).toEqual([]);
    expect(() => h.sim.sendMalformed(77)).toThrow(/no connected client with id 77/);
  });

  it('refuses a 33rd simultaneous client: reset before the handshake, error 502, never connected', async () => {
    const clients = await Promise.all(Array.from({ length: 32 }, (_, i) => h.client(100 + i)));
    expect(h.sim.clients()).toHaveLength(32);
    const extra = h.unconnected(200);
    extra.connect();
    await extra.waitFor(EventName.disconnected);
    expect(extra.errors()).toEqual([
      { message: expect.stringMatching(/ECONNRESET|EPIPE/), code: 502, reqId: -1 },
    ]);
    expect(names(extra)).not.toContain(EventName.connected);
    expect(h.sim.connectionsRefused).toBe(1);
    expect(h.sim.connectionsAccepted).toBe(33);

    // A freed slot can be used again.
    await clients[0]?.disconnect();
    await expect.poll(() => h.sim.clients().length, { timeout: 10_000 }).toBe(31);
    await h.client(201);
    expect(h.sim.clients()).toHaveLength(32);
  });

  it('drops every client at once and accepts them back', async () => {
    const clients = [await h.client(1), await h.client(2)];
    h.sim.dropAll();
    for (const client of clients) await client.waitFor(EventName.disconnected);
    const back = await h.client(1);
    expect(back.errors()).toEqual([]);
    expect(h.sim.connectionsAccepted).toBe(3);
  });

  it('restarts: refuses connections while down, then listens on the same port', async () => {
    const client = await h.client(1);
    const port = h.sim.port;
    const restarted = h.sim.restart({ refuseForMs: 60_000 });
    await client.waitFor(EventName.disconnected);
    await expect.poll(() => h.sim.listening, { timeout: 10_000 }).toBe(false);

    const refused = h.unconnected(2);
    refused.connect();
    await refused.waitFor(EventName.disconnected);
    expect(refused.errors()).toEqual([
      { message: expect.stringContaining('ECONNREFUSED'), code: 502, reqId: -1 },
    ]);

    h.clock.advance(60_000);
    await restarted;
    expect(h.sim.port).toBe(port);
    const after = await h.client(3);
    expect(after.errors()).toEqual([]);
    expect(h.simulatorEvents.map((e) => e.type)).toEqual(
      expect.arrayContaining(['stopped-listening', 'listening']),
    );
  });

  it('a restart during a restart waits for the later one; stop() ends a pending restart', async () => {
    const first = h.sim.restart({ refuseForMs: 10_000 });
    await expect.poll(() => h.sim.listening, { timeout: 10_000 }).toBe(false);
    const second = h.sim.restart({ refuseForMs: 30_000 });
    h.clock.advance(10_000);
    expect(h.sim.listening).toBe(false);
    h.clock.advance(20_000);
    await Promise.all([first, second]);
    expect(h.sim.listening).toBe(true);

    const pending = h.sim.restart({ refuseForMs: 60_000 });
    await expect.poll(() => h.sim.listening, { timeout: 10_000 }).toBe(false);
    await h.sim.stop();
    await pending;
    expect(h.sim.listening).toBe(false);
    expect(h.clock.pendingCount).toBe(0);
  });

  it('stays closed when stopped in the middle of an immediate restart', async () => {
    const restarted = h.sim.restart();
    await h.sim.stop();
    await restarted;
    await expect(connectionOutcome(h.sim.port)).resolves.toBe('ECONNREFUSED');
    expect(h.sim.listening).toBe(false);
  });
});

describe('requests and bytes it does not understand', () => {
  it('ignores requests it does not implement and keeps serving the client', async () => {
    const client = await h.client(1);
    client.api.reqAllOpenOrders();
    client.api.reqMarketDataType(3);
    await client.roundTrip();
    const ignored = h.simulatorEvents.filter((e) => e.type === 'request-ignored');
    expect(ignored.map((e) => (e.type === 'request-ignored' ? e.msgId : 0))).toEqual([16, 59]);
    expect(client.errors()).toEqual([]);
  });

  it('closes a socket that does not speak the protocol and keeps the others', async () => {
    const client = await h.client(1);
    const socket = connectTcp(h.sim.port, '127.0.0.1');
    rawSockets.push(socket);
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.on('error', () => {});
    socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    await closed;
    expect(h.simulatorEvents.some((e) => e.type === 'protocol-error')).toBe(true);
    await client.roundTrip();
  });

  it('reports a malformed request and keeps reading the connection', async () => {
    const socket = connectTcp(h.sim.port, '127.0.0.1');
    rawSockets.push(socket);
    socket.on('error', () => {});
    const hello = Buffer.from('API\0\0\0\0\x09v100..176', 'latin1');
    const frame = (text: string) => {
      const body = Buffer.from(text, 'latin1');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      return Buffer.concat([length, body]);
    };
    socket.write(
      Buffer.concat([hello, frame('71\x002\x00'), frame('71\x002\x005\x00\x00'), frame('49\x001\x00')]),
    );
    await expect
      .poll(() => h.sim.requestsOf(5).map((r) => r.request.type), { timeout: 10_000 })
      .toEqual(['START_API', 'REQ_CURRENT_TIME']);
    const errors = h.simulatorEvents.filter((e) => e.type === 'protocol-error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message: expect.stringContaining('missing client id') });
  });
});

describe('server versions', () => {
  it.each([100, 165, 166, 193])(
    'speaks version %i to the real client without a decoding error',
    async (version) => {
      const other = await SimulatorHarness.start({ serverVersion: version });
      try {
        other.sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
        const client = await other.client(1);
        client.api.reqPositions();
        client.api.reqAccountUpdates(true, 'DU111111');
        await client.waitFor(EventName.positionEnd);
        await client.waitFor(EventName.accountDownloadEnd);
        await client.waitUntil(() => client.infos().length === 3, 'the farm notices');
        expect(client.all(EventName.server)[0]?.[0]).toBe(version);
        expect(client.all(EventName.position)[0]?.[2]).toBe(2);
        expect(client.errors()).toEqual([]);
      } finally {
        await other.dispose();
      }
    },
  );

  it('skips, for a version-100 client, a fractional quantity it cannot carry, and says so', async () => {
    const other = await SimulatorHarness.start({ serverVersion: 100 });
    try {
      const client = await other.client(1);
      client.api.reqPositions();
      await client.waitFor(EventName.positionEnd);
      other.sim.open('DU111111', SPY_600_C, 2, { averageCost: 500 });
      other.sim.open('DU222222', NVDA_STOCK, 0.5, { averageCost: 180 });
      await client.roundTrip();
      expect(client.all(EventName.position).map((p) => p[2])).toEqual([2]);
      expect(other.sim.position('DU222222', NVDA_STOCK.conId)?.quantity).toBe(0.5);
      expect(other.simulatorEvents).toContainEqual(
        expect.objectContaining({ type: 'protocol-error', message: expect.stringContaining('version 101') }),
      );
    } finally {
      await other.dispose();
    }
  });

  it('refuses a server version the clients cannot speak', async () => {
    await expect(SimulatorHarness.start({ serverVersion: 194 })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
});
