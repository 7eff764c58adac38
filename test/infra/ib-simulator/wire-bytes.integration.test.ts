import { connect, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SPY_600_C } from '../../support/contracts.js';
import { SimulatorHarness } from './support/simulator-harness.js';

let h: SimulatorHarness;
let socket: Socket;
let received: Buffer;
let wake: () => void = () => {};

beforeEach(async () => {
  h = await SimulatorHarness.start();
  received = Buffer.alloc(0);
  socket = connect(h.sim.port, '127.0.0.1');
  socket.on('data', (chunk: Buffer) => {
    received = Buffer.concat([received, chunk]);
    wake();
  });
  await new Promise((resolve) => socket.once('connect', resolve));
});
afterEach(async () => {
  socket.destroy();
  await h.dispose();
});

/** The payloads of the next `count` frames, read by hand: uint32 big-endian length, then bytes. */
async function frames(count: number): Promise<string[]> {
  const payloads: string[] = [];
  const deadline = setTimeout(() => wake(), 10_000);
  try {
    while (payloads.length < count) {
      if (received.length >= 4 && received.length >= 4 + received.readUInt32BE(0)) {
        const length = received.readUInt32BE(0);
        payloads.push(received.subarray(4, 4 + length).toString('latin1'));
        received = received.subarray(4 + length);
        continue;
      }
      const before = received.length;
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      if (received.length === before) throw new Error(`only ${payloads.length} of ${count} frames arrived`);
    }
  } finally {
    clearTimeout(deadline);
  }
  return payloads;
}

function request(...fields: string[]): Buffer {
  const body = Buffer.from(fields.map((f) => `${f}\0`).join(''), 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

describe('bytes on the wire', () => {
  it('answers the hello and START_API exactly as TWS at version 176', async () => {
    socket.write(Buffer.from('API\0\0\0\0\x09v100..193', 'latin1'));
    expect(await frames(1)).toEqual(['176\x0020261125 15:00:00 GMT\x00']);

    socket.write(request('71', '2', '7', ''));
    expect(await frames(5)).toEqual([
      '15\x001\x00DU111111,DU222222\x00',
      '9\x001\x001\x00',
      '4\x002\x00-1\x002104\x00Market data farm connection is OK:usfarm\x00\x00',
      '4\x002\x00-1\x002106\x00HMDS data farm connection is OK:ushmds\x00\x00',
      '4\x002\x00-1\x002158\x00Sec-def data farm connection is OK:secdefnj\x00\x00',
    ]);
  });

  it('sends positions with their version field, option fields and decimal quantities', async () => {
    h.sim.open('DU111111', SPY_600_C, 2, { averageCost: 512.34, marketPrice: 5.25 });
    socket.write(
      Buffer.concat([Buffer.from('API\0\0\0\0\x09v100..193', 'latin1'), request('71', '2', '7', '')]),
    );
    await frames(6);
    socket.write(request('61', '1'));
    expect(await frames(2)).toEqual([
      '61\x003\x00DU111111\x00700001\x00SPY\x00OPT\x0020261218\x00600\x00C\x00100\x00SMART\x00USD\x00SPY   261218C00600000\x00SPY\x002\x00512.34\x00',
      '62\x001\x00',
    ]);
    h.sim.change('DU111111', SPY_600_C.conId, 0.5);
    const [pushed] = await frames(1);
    expect(pushed?.split('\0').slice(14, 16)).toEqual(['0.5', '512.34']);
  });

  it('pushes a trade of its own client as TWS at 176 does, then answers REQ_EXECUTIONS with the same bytes and its id', async () => {
    socket.write(
      Buffer.concat([Buffer.from('API\0\0\0\0\x09v100..193', 'latin1'), request('71', '2', '7', '')]),
    );
    await frames(6);
    h.sim.open('DU111111', SPY_600_C, 2, { marketPrice: 5.1, clientId: 7, orderId: 12 });
    const execution = (reqId: string) =>
      `11\x00${reqId}\x0012\x00700001\x00SPY\x00OPT\x0020261218\x00600\x00C\x00100\x00CBOE\x00USD\x00SPY   261218C00600000\x00SPY\x00` +
      '0000e0d5.6b06f7f0.01.01\x0020261125 10:00:00 US/Eastern\x00DU111111\x00CBOE\x00BOT\x002\x005.1\x00' +
      '1800000001\x007\x000\x002\x005.1\x00\x00\x00\x00\x002\x00';
    const commission =
      '59\x001\x000000e0d5.6b06f7f0.01.01\x001.3\x00USD\x001.7976931348623157E308\x001.7976931348623157E308\x00\x00';
    expect(await frames(2)).toEqual([execution('-1'), commission]);

    socket.write(request('7', '3', '9001', '0', '', '', '', '', '', ''));
    expect(await frames(3)).toEqual([execution('9001'), commission, '55\x001\x009001\x00']);
  });
});
