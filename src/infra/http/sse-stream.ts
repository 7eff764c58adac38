import type { ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';
import { type MemberOutlet, SLOW_CONSUMER_REASON } from './cohort-protocol.js';
import { formatForClient } from './graphql-errors.js';

/** The code in the `event: error` a slow SSE consumer's stream ends with. */
export const CONSUMER_TOO_SLOW = 'CONSUMER_TOO_SLOW';

/** What yoga sends with an SSE response, so that proxies neither buffer nor compress it. */
const HEADERS = {
  'content-type': 'text/event-stream',
  connection: 'keep-alive',
  'cache-control': 'no-cache',
  'content-encoding': 'none',
} as const;

const COMMENT = ':\n\n';
const COMPLETE = 'event: complete\ndata:\n\n';
const SLOW_CONSUMER_EVENT = `event: error\ndata: ${JSON.stringify({
  errors: [{ message: SLOW_CONSUMER_REASON, extensions: { code: CONSUMER_TOO_SLOW } }],
})}\n\n`;

/**
 * How long the stream of a client that stopped reading may wait for it to read its ending; then
 * the connection is cut, as `ws` does for a close frame nobody answers.
 */
const SLOW_END_GRACE_MS = 30_000;

/**
 * One subscription's response in GraphQL over SSE, distinct connections mode: an `event: next`
 * per result, `event: complete` at the end, a comment line when it has been idle. The headers go
 * with the first write, so a subscription refused before that still gets yoga's own answer.
 */
export class SseStream implements MemberOutlet {
  #active = false;

  constructor(private readonly response: ServerResponse) {}

  get open(): boolean {
    return !this.response.writableEnded && !this.response.destroyed;
  }

  /** What the response and its socket hold unsent. */
  get unsentBytes(): number {
    return this.response.writableLength;
  }

  /** Sends the headers with a comment: some browsers show nothing of a stream before its first byte. */
  start(): void {
    if (!this.response.headersSent) this.#write(COMMENT);
  }

  send(payload: string): void {
    this.#active = true;
    this.#write(`event: next\ndata: ${payload}\n\n`);
  }

  /**
   * Called at the keep-alive interval: a stream that carried nothing since the last call gets a
   * comment line, so that proxies do not cut it. One with unsent bytes needs none (it is not idle,
   * its client is not reading).
   */
  keepAlive(): void {
    if (this.#active) this.#active = false;
    else if (this.unsentBytes === 0) this.#write(COMMENT);
  }

  /** The subscription ended: `event: complete`, and the response ends. */
  complete(): void {
    if (!this.open) return;
    this.#write(COMPLETE);
    this.response.end();
  }

  /** The subscription failed: its error as a last result (as yoga sends it), then complete. */
  fail(error: GraphQLError): void {
    this.send(JSON.stringify({ errors: [formatForClient(error)] }));
    this.complete();
  }

  endSlow(): void {
    if (!this.open) return;
    this.#write(SLOW_CONSUMER_EVENT);
    this.response.end();
    const cut = setTimeout(() => this.response.destroy(), SLOW_END_GRACE_MS);
    cut.unref();
    this.response.once('close', () => clearTimeout(cut));
  }

  /** Runs `listener` once the connection is gone (at once if it already is). */
  onClose(listener: () => void): void {
    if (this.response.destroyed || this.response.closed) listener();
    else this.response.once('close', listener);
  }

  #write(chunk: string): void {
    if (!this.open) return;
    if (!this.response.headersSent) this.response.writeHead(200, HEADERS);
    this.response.write(chunk);
  }
}
