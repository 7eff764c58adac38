import type { Socket } from 'node:net';
import type { Clock } from './clock.js';
import { encodeFrame, FrameDecoder, FramingError } from './wire/frame-codec.js';
import { formatConnectionTime, negotiateVersion, parseClientHello } from './wire/handshake.js';
import { ReplyEncoder } from './wire/reply-encoder.js';
import { type ClientRequest, decodeRequest, MalformedRequestError } from './wire/request-decoder.js';

/** A long-lived connection (a watchdog asking the time every few seconds) keeps its latest requests. */
const KEPT_REQUESTS = 10_000;

/** A request as one connection received it. */
export interface LoggedRequest {
  readonly at: Date;
  readonly request: ClientRequest;
}

/**
 * `hello`: waiting for the client's version range; `handshaken`: version agreed, waiting for
 * START_API; `ready`: a client with an id; `closed`: the socket is gone.
 */
export type ConnectionState = 'hello' | 'handshaken' | 'ready' | 'closed';

/** What the server does with what a connection reads. */
export interface ConnectionSink {
  request(connection: ClientConnection, request: ClientRequest): void;
  protocolError(connection: ClientConnection, message: string): void;
  closed(connection: ClientConnection, by: 'client' | 'server'): void;
}

export interface ConnectionOptions {
  readonly id: number;
  readonly socket: Socket;
  readonly serverMaxVersion: number;
  readonly clock: Clock;
  readonly sink: ConnectionSink;
}

/**
 * One client socket: answers the hello with the agreed version and the connection time, splits
 * the stream into frames, decodes requests and hands them to the server in order.
 */
export class ClientConnection {
  readonly id: number;
  readonly remotePort: number;
  readonly acceptedAt: Date;
  readonly #socket: Socket;
  readonly #options: ConnectionOptions;
  readonly #frames = new FrameDecoder();
  readonly #requests: LoggedRequest[] = [];
  #hello: Buffer = Buffer.alloc(0);
  #state: ConnectionState = 'hello';
  #encoder: ReplyEncoder | undefined;
  #clientId: number | undefined;
  #readyAt: Date | undefined;
  #closedBy: 'client' | 'server' | undefined;

  constructor(options: ConnectionOptions) {
    this.#options = options;
    this.id = options.id;
    this.#socket = options.socket;
    this.remotePort = options.socket.remotePort ?? 0;
    this.acceptedAt = options.clock.now();
    // Many small replies in a row: without this, Nagle's algorithm delays them by tens of ms.
    this.#socket.setNoDelay(true);
    this.#socket.on('data', (chunk: Buffer) => this.#receive(chunk));
    // A reset by the peer is an ordinary way for a client to go; 'close' follows and reports it.
    this.#socket.on('error', () => {});
    this.#socket.on('close', () => {
      this.#state = 'closed';
      this.#options.sink.closed(this, this.#closedBy ?? 'client');
    });
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get clientId(): number | undefined {
    return this.#clientId;
  }

  get serverVersion(): number | undefined {
    return this.#encoder?.serverVersion;
  }

  /** When START_API was accepted. */
  get readyAt(): Date | undefined {
    return this.#readyAt;
  }

  get requests(): readonly LoggedRequest[] {
    return this.#requests;
  }

  /** The server accepted START_API for this client id. */
  markReady(clientId: number): void {
    this.#clientId = clientId;
    this.#readyAt = this.#options.clock.now();
    this.#state = 'ready';
  }

  /** Sends one reply in the layout of the version agreed with this client; a no-op once closed. */
  send(build: (encoder: ReplyEncoder) => readonly string[]): void {
    if (this.#state === 'closed' || this.#state === 'hello' || !this.#encoder) return;
    let frame: Buffer;
    try {
      frame = encodeFrame(build(this.#encoder));
    } catch (error) {
      // Something this client's version cannot carry (a fractional quantity before 101): it misses
      // that one message, as it would with TWS, and nobody else is affected.
      if (!(error instanceof RangeError)) throw error;
      this.#options.sink.protocolError(this, `reply not sent: ${error.message}`);
      return;
    }
    this.#socket.write(frame);
  }

  /** Writes bytes as they are: for deliberately broken frames. */
  sendRaw(bytes: Buffer): void {
    if (this.#state !== 'closed') this.#socket.write(bytes);
  }

  /** Closes after everything written so far has been sent. */
  end(): void {
    if (this.#state === 'closed') return;
    this.#closedBy ??= 'server';
    this.#socket.end();
  }

  /** Drops the connection at once, as a crashing or restarting TWS does. */
  destroy(): void {
    if (this.#state === 'closed') return;
    this.#closedBy ??= 'server';
    this.#socket.destroy();
  }

  #receive(chunk: Buffer): void {
    if (this.#state === 'closed' || this.#closedBy) return;
    if (this.#state === 'hello') {
      const rest = this.#readHello(chunk);
      if (rest === undefined || rest.length === 0) return;
      chunk = rest;
    }
    let frames: ReturnType<FrameDecoder['push']>;
    try {
      frames = this.#frames.push(chunk);
    } catch (error) {
      if (!(error instanceof FramingError)) throw error;
      this.#fail(error.message);
      return;
    }
    for (const frame of frames) {
      if (this.#closedBy) return;
      if (!frame.ok) {
        this.#options.sink.protocolError(this, `unreadable frame of ${frame.bytes} bytes: ${frame.reason}`);
        continue;
      }
      let request: ClientRequest;
      try {
        request = decodeRequest(frame.fields);
      } catch (error) {
        if (!(error instanceof MalformedRequestError)) throw error;
        this.#options.sink.protocolError(
          this,
          `malformed request ${JSON.stringify(frame.fields)}: ${error.message}`,
        );
        continue;
      }
      if (this.#requests.length >= KEPT_REQUESTS) this.#requests.shift();
      this.#requests.push({ at: this.#options.clock.now(), request });
      this.#options.sink.request(this, request);
    }
  }

  /** Consumes the hello; returns the bytes after it, or undefined while it is incomplete. */
  #readHello(chunk: Buffer): Buffer | undefined {
    this.#hello = Buffer.concat([this.#hello, chunk]);
    const parsed = parseClientHello(this.#hello);
    if (parsed.kind === 'incomplete') return undefined;
    if (parsed.kind === 'invalid') {
      this.#fail(parsed.reason);
      return undefined;
    }
    const version = negotiateVersion(parsed.hello, this.#options.serverMaxVersion);
    if (version === undefined) {
      const { minVersion, maxVersion } = parsed.hello;
      this.#fail(`no common version: client speaks ${minVersion}..${maxVersion}`);
      return undefined;
    }
    this.#encoder = new ReplyEncoder(version);
    this.#state = 'handshaken';
    this.#socket.write(encodeFrame([String(version), formatConnectionTime(this.#options.clock.now())]));
    const rest = this.#hello.subarray(parsed.hello.consumed);
    this.#hello = Buffer.alloc(0);
    return rest;
  }

  #fail(message: string): void {
    this.#options.sink.protocolError(this, message);
    this.destroy();
  }
}
