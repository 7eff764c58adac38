import type { ServerResponse } from 'node:http';
import type { GraphQLError } from 'graphql';
import type { Logger } from '../logger.js';
import { SseStream } from './sse-stream.js';

/**
 * The SSE subscription streams open on the server: one keep-alive timer for all of them (a
 * stream idle for an interval gets a comment line), and their count for metrics.
 */
export class SseStreams {
  readonly #open = new Set<SseStream>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly keepAliveMs: number,
    private readonly logger: Logger,
  ) {}

  get count(): number {
    return this.#open.size;
  }

  /** A stream on `response`, not yet started: nothing is written until it is. */
  create(response: ServerResponse): SseStream {
    // A peer gone mid-write is an ordinary disconnect, not a failure of ours.
    response.on('error', (error) => this.logger.debug('SSE write failed: the peer is gone', { error }));
    return new SseStream(response);
  }

  /**
   * Serves a subscription that joined its cohort: sends the stream's headers, keeps it alive and
   * counts it until its connection closes, and resolves once the subscription is over, with its
   * end (`event: complete`, after its error if it failed) written. `membership` is what the
   * cohorts answered: it settles when the source ends, and its return() is how the member leaves,
   * as soon as the client goes away.
   */
  async serve(stream: SseStream, membership: AsyncIterableIterator<never>): Promise<void> {
    stream.start();
    this.#open.add(stream);
    stream.onClose(() => {
      this.#open.delete(stream);
      if (this.#open.size === 0) this.dispose();
      void membership.return?.();
    });
    if (this.#open.size > 0 && this.#timer === undefined) {
      this.#timer = setInterval(() => {
        for (const open of this.#open) open.keepAlive();
      }, this.keepAliveMs);
      this.#timer.unref();
    }
    try {
      await membership.next();
      stream.complete();
    } catch (error) {
      stream.fail(error as GraphQLError);
    }
  }

  dispose(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
