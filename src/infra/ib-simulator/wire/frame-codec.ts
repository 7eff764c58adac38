/**
 * Framing of the TWS API ("V100+" protocol): every message after the client's hello is a uint32
 * big-endian length followed by that many bytes of UTF-8 payload, and the payload is a list of
 * fields, each terminated by NUL. A payload that does not end with NUL corrupts the next message
 * in real clients, so the encoder never produces one and the decoder reports one.
 */

const NUL = '\0';
const LENGTH_BYTES = 4;
/** The largest frame either side accepts; real clients drop the connection beyond it. */
export const MAX_FRAME_BYTES = 0xffffff;

export function encodeFrame(fields: readonly string[]): Buffer {
  for (const field of fields) {
    if (field.includes(NUL)) throw new RangeError(`a field may not contain NUL: ${JSON.stringify(field)}`);
  }
  const payload = Buffer.from(fields.map((f) => f + NUL).join(''), 'utf8');
  if (payload.length > MAX_FRAME_BYTES) throw new RangeError(`frame of ${payload.length} bytes is too large`);
  const frame = Buffer.allocUnsafe(LENGTH_BYTES + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  payload.copy(frame, LENGTH_BYTES);
  return frame;
}

/** One length-prefixed frame as received: its fields, or why they cannot be read. */
export type DecodedFrame =
  | { readonly ok: true; readonly fields: readonly string[] }
  | { readonly ok: false; readonly reason: string; readonly bytes: number };

/** The byte stream cannot be split into frames any more; the connection has to go. */
export class FramingError extends Error {
  override readonly name = 'FramingError';
}

/** Splits a byte stream into frames, keeping partial data until the rest arrives. */
export class FrameDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  /** Bytes received but not yet part of a complete frame. */
  get pendingBytes(): number {
    return this.#buffer.length;
  }

  /** Adds received bytes; returns every frame they complete, in order. */
  push(chunk: Buffer): DecodedFrame[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const frames: DecodedFrame[] = [];
    while (this.#buffer.length >= LENGTH_BYTES) {
      const length = this.#buffer.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) {
        this.#buffer = Buffer.alloc(0);
        throw new FramingError(`announced frame length ${length} exceeds ${MAX_FRAME_BYTES} bytes`);
      }
      if (this.#buffer.length < LENGTH_BYTES + length) break;
      const payload = this.#buffer.subarray(LENGTH_BYTES, LENGTH_BYTES + length);
      this.#buffer = this.#buffer.subarray(LENGTH_BYTES + length);
      frames.push(decodePayload(payload));
    }
    return frames;
  }
}

function decodePayload(payload: Buffer): DecodedFrame {
  if (payload.length === 0) return { ok: false, reason: 'empty frame', bytes: 0 };
  const text = payload.toString('utf8');
  if (!text.endsWith(NUL)) {
    return { ok: false, reason: 'the last field is not terminated by NUL', bytes: payload.length };
  }
  return { ok: true, fields: text.slice(0, -1).split(NUL) };
}
