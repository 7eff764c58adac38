import { ServerVersion } from './message-ids.js';

/**
 * The client's hello is the one message without an outer frame: the bytes `API\0`, then a uint32
 * big-endian length, then ASCII such as `v100..193` (a single `v176` is allowed, and anything
 * after a space is connect options, which TWS reserves for itself).
 */
const PREFIX = Buffer.from('API\0', 'latin1');
const HEADER_BYTES = PREFIX.length + 4;
/** A version range is a few bytes; a longer announcement is not a TWS client. */
const MAX_HELLO_TEXT_BYTES = 1024;

export interface ClientHello {
  readonly minVersion: number;
  readonly maxVersion: number;
  readonly connectOptions: string;
  /** How many bytes of the buffer the hello used; what follows is framed messages. */
  readonly consumed: number;
}

export type HelloParse =
  | { readonly kind: 'incomplete' }
  | { readonly kind: 'hello'; readonly hello: ClientHello }
  | { readonly kind: 'invalid'; readonly reason: string };

export function parseClientHello(buffer: Buffer): HelloParse {
  const prefixSeen = buffer.subarray(0, PREFIX.length);
  if (!PREFIX.subarray(0, prefixSeen.length).equals(prefixSeen)) {
    return { kind: 'invalid', reason: 'the connection does not start with "API\\0"' };
  }
  if (buffer.length < HEADER_BYTES) return { kind: 'incomplete' };
  const length = buffer.readUInt32BE(PREFIX.length);
  if (length === 0 || length > MAX_HELLO_TEXT_BYTES) {
    return { kind: 'invalid', reason: `a version announcement of ${length} bytes` };
  }
  if (buffer.length < HEADER_BYTES + length) return { kind: 'incomplete' };
  const text = buffer.subarray(HEADER_BYTES, HEADER_BYTES + length).toString('latin1');
  const match = /^v(\d+)(?:\.\.(\d+))?(?: (.*))?$/s.exec(text);
  if (!match) return { kind: 'invalid', reason: `unreadable version range ${JSON.stringify(text)}` };
  const minVersion = Number(match[1]);
  const maxVersion = match[2] === undefined ? minVersion : Number(match[2]);
  if (maxVersion < minVersion) return { kind: 'invalid', reason: `empty version range ${text}` };
  return {
    kind: 'hello',
    hello: { minVersion, maxVersion, connectOptions: match[3] ?? '', consumed: HEADER_BYTES + length },
  };
}

/**
 * The version both sides speak: the highest the server offers that the client accepts, or
 * undefined when the ranges do not meet inside the length-prefixed protocol.
 */
export function negotiateVersion(hello: ClientHello, serverMaxVersion: number): number | undefined {
  const version = Math.min(serverMaxVersion, hello.maxVersion);
  if (version < hello.minVersion || version < ServerVersion.MIN_V100) return undefined;
  return version;
}

/**
 * The reply's connection time, in the form TWS uses (`yyyyMMdd HH:mm:ss <zone>`); clients treat
 * it as opaque text. Given in UTC so it does not depend on the machine's zone.
 */
export function formatConnectionTime(at: Date): string {
  const iso = at.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)} ${iso.slice(11, 19)} GMT`;
}
