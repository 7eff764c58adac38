import type { ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { CursorTracker } from '../../schema/cursor-tracker.js';
import type { CohortArgs } from './subscription-cohorts.js';

interface Pending {
  readonly payload: string;
  readonly sequence: number | undefined;
}

const SLOW_CONSUMER_REASON = 'slow consumer: reconnect and resume after your last cursor';

/**
 * One graphql-ws subscription in a cohort. Results arrive serialized; the member frames them
 * with its id and writes them to its socket, after checking the socket keeps up. A member that
 * resumes from a cursor first replays its own gap through its own subscription, holding the
 * cohort's live results meanwhile, then switches over where the two meet.
 */
export class CohortMember {
  #held: Pending[] | undefined;
  #lastSent: number | undefined;
  #caughtUp: (() => void) | undefined;
  #finish: ((result: IteratorResult<never>) => void) | undefined;
  #reject: ((error: Error) => void) | undefined;
  #ended = false;

  constructor(
    private readonly id: string,
    private readonly socket: WebSocket,
    private readonly maxBufferedBytes: number,
    resuming: boolean,
  ) {
    this.#held = resuming ? [] : undefined;
  }

  /** A result of the cohort's shared execution. */
  deliver(payload: string, sequence: number | undefined): void {
    if (this.#ended) return;
    if (this.#held) {
      this.#held.push({ payload, sequence });
      if (sequence !== undefined && this.#lastSent !== undefined && sequence <= this.#lastSent)
        this.#caughtUp?.();
      return;
    }
    if (sequence !== undefined && this.#lastSent !== undefined && sequence <= this.#lastSent) return;
    this.#send(payload, sequence);
  }

  /**
   * Opens the member's own subscription from its cursor (same envelop pipeline, its own context)
   * and replays the gap in the background until the cohort delivers an event the replay already
   * sent; from there the held live results continue without a gap. Returns an error result when
   * the subscription cannot be opened (a bad cursor, say).
   */
  async startReplay(args: CohortArgs): Promise<ExecutionResult | undefined> {
    const tracker: CursorTracker = { last: undefined };
    const result = await args.subscribe({ ...args, contextValue: { ...args.contextValue, cursor: tracker } });
    if (typeof (result as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] !== 'function') {
      return result as ExecutionResult;
    }
    void this.#replay((result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator](), tracker);
    return undefined;
  }

  async #replay(own: AsyncIterator<ExecutionResult>, tracker: CursorTracker): Promise<void> {
    const caughtUp = new Promise<'caught-up'>((resolve) => {
      this.#caughtUp = () => resolve('caught-up');
    });
    try {
      while (!this.#ended && !this.#hasCaughtUp()) {
        const next = await Promise.race([own.next(), caughtUp]);
        if (next === 'caught-up' || next.done) break;
        if (tracker.last === undefined || this.#lastSent === undefined || tracker.last > this.#lastSent) {
          this.#send(JSON.stringify(next.value), tracker.last);
        }
      }
    } catch (error) {
      this.fail((error as Error).message);
    } finally {
      void own.return?.();
    }
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const item of held) this.deliver(item.payload, item.sequence);
  }

  /** The cohort's source failed: the member's subscription ends with this (already safe) message. */
  fail(message: string): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#reject?.(new Error(message));
  }

  /** The cohort's source ended: graphql-ws completes the subscription. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#finish?.({ value: undefined, done: true });
  }

  /**
   * What graphql-ws iterates: nothing is ever yielded (results go to the socket directly); it
   * ends when the source ends, and its return() is how graphql-ws says the member left.
   */
  untilDone(onLeave: () => void): AsyncIterableIterator<never> {
    const done = new Promise<IteratorResult<never>>((resolve, reject) => {
      this.#finish = resolve;
      this.#reject = reject;
    });
    const leave = async (): Promise<IteratorResult<never>> => {
      this.#ended = true;
      // A replay waiting for the live stream stops waiting.
      this.#caughtUp?.();
      onLeave();
      this.#finish?.({ value: undefined, done: true });
      return { value: undefined, done: true };
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: () => done,
      return: leave,
      throw: leave,
    };
  }

  #hasCaughtUp(): boolean {
    const held = this.#held;
    if (!held || this.#lastSent === undefined) return false;
    return held.some((item) => item.sequence !== undefined && item.sequence <= (this.#lastSent as number));
  }

  #send(payload: string, sequence: number | undefined): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      // The client stopped reading: close before its backlog grows the server's memory. It resumes
      // from its last cursor and loses nothing.
      this.#ended = true;
      this.socket.close(4290, SLOW_CONSUMER_REASON);
      return;
    }
    this.socket.send(`{"id":${JSON.stringify(this.id)},"type":"next","payload":${payload}}`);
    if (sequence !== undefined) this.#lastSent = sequence;
  }
}
