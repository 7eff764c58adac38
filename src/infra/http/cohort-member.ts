import type { ExecutionResult, GraphQLError } from 'graphql';
import type { CursorTracker } from '../../domain/sentinel-api.js';
import type { CohortArgs, CohortCounters, CohortOptions, MemberOutlet } from './cohort-protocol.js';
import { formatResultForClient } from './graphql-errors.js';

interface Pending {
  readonly payload: string;
  readonly sequence: number | undefined;
}

/**
 * One subscription in a cohort, on either transport. Results arrive serialized; the member hands
 * them to its outlet, after checking the connection keeps up. A member that resumes from a cursor
 * first replays its own gap, holding the cohort's live results meanwhile.
 */
export class CohortMember {
  #held: Pending[] | undefined;
  #lastSent: number | undefined;
  #finish: ((result: IteratorResult<never>) => void) | undefined;
  #reject: ((error: GraphQLError) => void) | undefined;
  #ended = false;
  #leave: (() => void) | undefined;

  constructor(
    private readonly outlet: MemberOutlet,
    private readonly options: CohortOptions,
    resuming: boolean,
    private readonly counters: CohortCounters,
  ) {
    this.#held = resuming ? [] : undefined;
  }

  /** How the member leaves its cohort; set when it joins. */
  bind(leave: () => void): void {
    this.#leave = leave;
  }

  /** A result of the cohort's shared execution. */
  deliver(payload: string, sequence: number | undefined): void {
    if (this.#ended) return;
    if (this.#held) {
      this.#held.push({ payload, sequence });
      return;
    }
    if (sequence !== undefined && this.#lastSent !== undefined && sequence <= this.#lastSent) return;
    this.#send(payload, sequence);
  }

  /**
   * Replays what the member missed through its own subscription (same envelop pipeline, its own
   * context), asking its source for the missed events only, then hands over to the cohort's live
   * results held since the member joined. The member joined before the replay read anything, so
   * every event is in the replay, in the held results, or in both (then sent once, by sequence).
   * Returns an error result when the subscription cannot be opened (a bad cursor, say).
   */
  async startReplay(args: CohortArgs): Promise<ExecutionResult | undefined> {
    const tracker: CursorTracker = { last: undefined, replayOnly: true };
    const result = await args.subscribe({ ...args, contextValue: { ...args.contextValue, cursor: tracker } });
    if (typeof (result as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] !== 'function') {
      return result as ExecutionResult;
    }
    this.counters.openSources++;
    void this.#replay((result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator](), tracker);
    return undefined;
  }

  async #replay(missed: AsyncIterator<ExecutionResult>, tracker: CursorTracker): Promise<void> {
    try {
      while (!this.#ended) {
        const next = await missed.next();
        if (next.done) break;
        this.counters.sourceResults++;
        this.#send(JSON.stringify(formatResultForClient(next.value)), tracker.last);
      }
    } catch (error) {
      this.fail(this.options.mask(error));
    } finally {
      this.counters.openSources--;
      void missed.return?.();
    }
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const item of held) this.deliver(item.payload, item.sequence);
  }

  /** The source failed: the member's subscription ends with this error, already fit for clients. */
  fail(error: GraphQLError): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#reject?.(error);
  }

  /** The cohort's source ended: the transport completes the subscription. */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#finish?.({ value: undefined, done: true });
  }

  /**
   * What the transport waits on: nothing is ever yielded (results go to the outlet directly); it
   * ends when the source ends (rejecting when it failed), and its return() is how the transport
   * says the member left.
   */
  untilDone(): AsyncIterableIterator<never> {
    const done = new Promise<IteratorResult<never>>((resolve, reject) => {
      this.#finish = resolve;
      this.#reject = reject;
    });
    const leave = async (): Promise<IteratorResult<never>> => {
      this.#stop();
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

  #stop(): void {
    if (this.#ended && this.#leave === undefined) return;
    this.#ended = true;
    const leave = this.#leave;
    this.#leave = undefined;
    leave?.();
  }

  #send(payload: string, sequence: number | undefined): void {
    if (!this.outlet.open) {
      // Closing (for another subscription of the same slow client, or by the client): leave now
      // rather than when the transport hears the connection closed.
      this.#stop();
      return;
    }
    if (this.outlet.unsentBytes > this.options.maxBufferedBytes) {
      // The client stopped reading: stop writing before its backlog grows the server's memory, and
      // end its connection. The ending waits behind what is already queued; the client reads it
      // once it reads again, resumes from its last cursor and loses nothing.
      this.#stop();
      this.counters.slowConsumersClosed++;
      this.outlet.endSlow();
      return;
    }
    this.outlet.send(payload);
    this.counters.deliveries++;
    if (sequence !== undefined) this.#lastSent = sequence;
  }
}
