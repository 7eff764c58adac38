import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  encodeFrame,
  FrameDecoder,
  FramingError,
  MAX_FRAME_BYTES,
} from '../../../src/infra/ib-simulator/wire/frame-codec.js';
import {
  formatConnectionTime,
  negotiateVersion,
  parseClientHello,
} from '../../../src/infra/ib-simulator/wire/handshake.js';
import {
  decodeRequest,
  MalformedRequestError,
} from '../../../src/infra/ib-simulator/wire/request-decoder.js';
import { formatWireNumber, formatWireQuantity } from '../../../src/infra/ib-simulator/wire/wire-number.js';

function hello(text: string): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length);
  return Buffer.concat([Buffer.from('API\0', 'latin1'), length, Buffer.from(text, 'latin1')]);
}

function frameOf(payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  return Buffer.concat([length, body]);
}

describe('frame encoding', () => {
  it('prefixes the payload with its byte length, big-endian, and ends every field with NUL', () => {
    const frame = encodeFrame(['9', '1', '42']);
    expect(frame.readUInt32BE(0)).toBe(7);
    expect(frame.subarray(4).toString('latin1')).toBe('9\x001\x0042\x00');
  });

  it('counts bytes, not characters, for text outside ASCII', () => {
    const frame = encodeFrame(['4', 'é']);
    expect(frame.readUInt32BE(0)).toBe(Buffer.byteLength('4\0é\0'));
  });

  it('keeps an empty field as a lone NUL', () => {
    expect(encodeFrame(['4', '']).subarray(4).toString('latin1')).toBe('4\x00\x00');
  });

  it('refuses a field that contains NUL, which would shift every later field', () => {
    expect(() => encodeFrame(['4', 'a\0b'])).toThrow(RangeError);
  });
});

describe('frame decoding', () => {
  it('reads back what the encoder wrote, however the bytes are split', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(
            fc.string().filter((s) => !s.includes('\0')),
            { minLength: 1, maxLength: 6 },
          ),
          {
            minLength: 1,
            maxLength: 5,
          },
        ),
        fc.integer({ min: 1, max: 7 }),
        (messages, chunkSize) => {
          const bytes = Buffer.concat(messages.map((m) => encodeFrame(m)));
          const decoder = new FrameDecoder();
          const decoded: unknown[] = [];
          for (let at = 0; at < bytes.length; at += chunkSize) {
            decoded.push(...decoder.push(bytes.subarray(at, at + chunkSize)));
          }
          expect(decoded).toEqual(messages.map((fields) => ({ ok: true, fields })));
          expect(decoder.pendingBytes).toBe(0);
        },
      ),
    );
  });

  it('keeps an incomplete frame until the rest arrives', () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame(['61', '1']);
    expect(decoder.push(frame.subarray(0, 5))).toEqual([]);
    expect(decoder.pendingBytes).toBe(5);
    expect(decoder.push(frame.subarray(5))).toEqual([{ ok: true, fields: ['61', '1'] }]);
  });

  it('reports a payload whose last field lacks its NUL and still reads the next frame', () => {
    const decoder = new FrameDecoder();
    const frames = decoder.push(Buffer.concat([frameOf('9\x001\x001'), frameOf('49\x001\x00')]));
    expect(frames[0]).toMatchObject({ ok: false, reason: expect.stringContaining('NUL') });
    expect(frames[1]).toEqual({ ok: true, fields: ['49', '1'] });
  });

  it('gives up on a length beyond the protocol limit', () => {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(MAX_FRAME_BYTES + 1);
    expect(() => new FrameDecoder().push(header)).toThrow(FramingError);
  });
});

describe('client hello', () => {
  it('reads the version range @stoqey/ib announces and where the framed messages start', () => {
    const bytes = Buffer.concat([hello('v100..193'), encodeFrame(['71', '2', '7', ''])]);
    const parsed = parseClientHello(bytes);
    expect(parsed).toEqual({
      kind: 'hello',
      hello: { minVersion: 100, maxVersion: 193, connectOptions: '', consumed: 17 },
    });
  });

  it('accepts a single version and connect options', () => {
    expect(parseClientHello(hello('v176 +PACEAPI'))).toMatchObject({
      kind: 'hello',
      hello: { minVersion: 176, maxVersion: 176, connectOptions: '+PACEAPI' },
    });
  });

  it('waits for the whole hello', () => {
    const bytes = hello('v100..193');
    for (let n = 0; n < bytes.length; n++)
      expect(parseClientHello(bytes.subarray(0, n)).kind).toBe('incomplete');
  });

  it('rejects a connection that does not speak the API', () => {
    expect(parseClientHello(Buffer.from('GET / HTTP/1.1\r\n'))).toMatchObject({ kind: 'invalid' });
    expect(parseClientHello(hello('version 9'))).toMatchObject({ kind: 'invalid' });
  });

  it('negotiates the highest version both sides speak, within the length-prefixed protocol', () => {
    const range = (minVersion: number, maxVersion: number) => ({
      minVersion,
      maxVersion,
      connectOptions: '',
      consumed: 0,
    });
    expect(negotiateVersion(range(100, 193), 176)).toBe(176);
    expect(negotiateVersion(range(100, 150), 176)).toBe(150);
    expect(negotiateVersion(range(180, 193), 176)).toBeUndefined();
    expect(negotiateVersion(range(38, 99), 176)).toBeUndefined();
  });

  it('writes the connection time as TWS does', () => {
    expect(formatConnectionTime(new Date('2026-11-25T15:04:05Z'))).toBe('20261125 15:04:05 GMT');
  });
});

describe('wire numbers', () => {
  it('writes quantities and prices as plain decimals', () => {
    expect(['2', '-3', '0.5', '512.34', '0'].map(Number).map(formatWireNumber)).toEqual([
      '2',
      '-3',
      '0.5',
      '512.34',
      '0',
    ]);
    expect(formatWireNumber(-0)).toBe('0');
  });

  it('never writes an exponent, and reads back to the same number', () => {
    expect(formatWireNumber(1e-7)).toBe('0.0000001');
    expect(formatWireNumber(-2.5e-8)).toBe('-0.000000025');
    expect(formatWireNumber(1e21)).toBe('1000000000000000000000');
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (value) => {
        const text = formatWireNumber(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number(text)).toBe(value === 0 ? 0 : value);
      }),
    );
  });

  it('refuses what has no decimal form', () => {
    expect(() => formatWireNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatWireNumber(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('writes fractional quantities only where the server version allows them', () => {
    expect(formatWireQuantity(0.5, false)).toBe('0.5');
    expect(formatWireQuantity(3, true)).toBe('3');
    expect(() => formatWireQuantity(0.5, true)).toThrow(/101/);
  });
});

describe('request decoding', () => {
  it('reads START_API with the client id after the version field', () => {
    expect(decodeRequest(['71', '2', '7', ''])).toEqual({ type: 'START_API', clientId: 7, capabilities: '' });
  });

  it('reads an empty client id as 0, as TWS does', () => {
    expect(decodeRequest(['71', '2', '', ''])).toMatchObject({ clientId: 0 });
  });

  it('reads account-update subscriptions and cancellations', () => {
    expect(decodeRequest(['6', '2', '1', 'DU111111'])).toEqual({
      type: 'REQ_ACCT_DATA',
      subscribe: true,
      account: 'DU111111',
    });
    expect(decodeRequest(['6', '2', '0', 'DU111111'])).toMatchObject({ subscribe: false });
    expect(decodeRequest(['6', '2', '1', ''])).toMatchObject({ account: '' });
  });

  it('reads the requests without arguments', () => {
    expect(decodeRequest(['61', '1'])).toEqual({ type: 'REQ_POSITIONS' });
    expect(decodeRequest(['64', '1'])).toEqual({ type: 'CANCEL_POSITIONS' });
    expect(decodeRequest(['49', '1'])).toEqual({ type: 'REQ_CURRENT_TIME' });
    expect(decodeRequest(['17', '1'])).toEqual({ type: 'REQ_MANAGED_ACCTS' });
    expect(decodeRequest(['8', '1', '1'])).toEqual({ type: 'REQ_IDS', numIds: 1 });
  });

  it('reads positions-multi requests and their cancellations by request id', () => {
    // The fields @stoqey/ib sends for reqPositionsMulti(4001, 'DU222222', '') and cancelPositionsMulti(4001).
    expect(decodeRequest(['74', '1', '4001', 'DU222222', ''])).toEqual({
      type: 'REQ_POSITIONS_MULTI',
      reqId: 4001,
      account: 'DU222222',
      modelCode: '',
    });
    expect(decodeRequest(['74', '1', '7', 'DU1', 'GROWTH'])).toMatchObject({ modelCode: 'GROWTH' });
    expect(decodeRequest(['74', '1', '7', 'DU1'])).toMatchObject({ modelCode: '' });
    expect(decodeRequest(['75', '1', '4001'])).toEqual({ type: 'CANCEL_POSITIONS_MULTI', reqId: 4001 });
  });

  it('reads execution requests with the seven fields of their filter', () => {
    // What @stoqey/ib sends for reqExecutions(9001, { acctCode: 'DU1', time: '20261125-15:00:00', side: 'BUY' }).
    expect(decodeRequest(['7', '3', '9001', '', 'DU1', '20261125-15:00:00', '', '', '', 'BUY'])).toEqual({
      type: 'REQ_EXECUTIONS',
      reqId: 9001,
      filter: {
        clientId: 0,
        acctCode: 'DU1',
        time: '20261125-15:00:00',
        symbol: '',
        secType: '',
        exchange: '',
        side: 'BUY',
      },
    });
    expect(decodeRequest(['7', '3', '5', '17'])).toMatchObject({ filter: { clientId: 17, side: '' } });
    expect(() => decodeRequest(['7', '3', '5'])).toThrow(/missing client id/);
    expect(() => decodeRequest(['7', '3', 'x', '0'])).toThrow(/request id is not an integer/);
  });

  it('keeps requests it does not implement as unknown', () => {
    expect(decodeRequest(['1', '11', '5', '0', 'SPY'])).toEqual({
      type: 'UNKNOWN',
      msgId: 1,
      fields: ['1', '11', '5', '0', 'SPY'],
    });
  });

  it('names what is wrong with a malformed request', () => {
    expect(() => decodeRequest(['71', '2'])).toThrow(/missing client id/);
    expect(() => decodeRequest(['61'])).toThrow(MalformedRequestError);
    expect(() => decodeRequest(['abc', '1'])).toThrow(/message id is not an integer/);
    expect(() => decodeRequest(['6', '2', 'yes', 'DU1'])).toThrow(/subscribe is not 0 or 1/);
    expect(() => decodeRequest(['74', '1', '', 'DU1', ''])).toThrow(/empty request id/);
    expect(() => decodeRequest(['74', '1', '9'])).toThrow(/missing account code/);
    expect(() => decodeRequest(['75', '1', 'x'])).toThrow(/request id is not an integer/);
  });
});
