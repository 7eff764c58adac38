import { DomainError } from '../../domain/errors.js';
import type { PositionEvent } from '../../domain/position-update.js';
import { matchesPositionFilter, type PositionFilter } from './position-filter.js';

/** What a follower needs from the writer. */
export interface FollowSource {
  /** Registers for every future event and for the end of the stream; returns the unsubscribe. */
  subscribe(onEvent: (event: PositionEvent) => void, onEnd: () => void): () => void;
  /** Applied events after `after`, oldest first, durable and buffered alike. */
  eventsAfter(after: number, limit: number): Promise<PositionEvent[]>;
}

export interface FollowOptions {
  /** Replay the events after this sequence before going live; without it, only live events. */
  readonly after?: number | undefined;
  readonly filter?: Omit<PositionFilter, 'includeClosed'> | undefined;
  /** How far the consumer may fall behind before the stream ends with {@link SubscriberTooSlowError}. */
  readonly maxPending?: number | undefined;
}

/** The consumer fell too far behind; it can resume from the last event it received. */
export class SubscriberTooSlowError extends DomainError {
  constructor(
    readonly lastDeliveredSequence: number | undefined,
    maxPending: number,
  ) {
    super(
      'CONFLICT',
      `the position stream fell more than ${maxPending} events behind and was ended; ` +
        `resume after ${lastDeliveredSequence ?? 'the last event received'}`,
    );
  }
}

const REPLAY_PAGE = 1000;
const DEFAULT_MAX_PENDING = 10_000;

/**
 * A resumable stream: it listens from the moment it is created, replays what came after `after`,
 * then hands over to the live events it held meanwhile. Sequences are strictly increasing, so
 * skipping any sequence already passed leaves no gap and no duplicate.
 */
export class PositionEventStream implements AsyncIterableIterator<PositionEvent> {
  readonly #source: FollowSource;
  readonly #filter: Omit<PositionFilter, 'includeClosed'>;
  readonly #maxPending: number;
  readonly #unsubscribe: () => void;
  readonly #ready: PositionEvent[] = [];
  /** Live events that arrived during the replay; undefined once live. */
  #held: PositionEvent[] | undefined;
  #passed: number;
  #delivered: number | undefined;
  #replay: Promise<void> | undefined;
  #waiter: { resolve(r: IteratorResult<PositionEvent>): void; reject(e: unknown): void } | undefined;
  #ended = false;
  #failure: unknown;

  constructor(source: FollowSource, options: FollowOptions = {}) {
    this.#source = source;
    this.#filter = options.filter ?? {};
    this.#maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.#passed = options.after ?? Number.NEGATIVE_INFINITY;
    this.#held = options.after === undefined ? undefined : [];
    this.#unsubscribe = source.subscribe(
      (event) => this.#onLive(event),
      () => this.#finish(),
    );
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<PositionEvent>> {
    if (this.#held && !this.#replay) {
      this.#replay = this.#runReplay().catch((error: unknown) => this.#fail(error));
    }
    const event = this.#ready.shift();
    if (event) {
      this.#delivered = event.sequence;
      return Promise.resolve({ value: event, done: false });
    }
    if (this.#failure !== undefined) {
      const failure = this.#failure;
      this.#failure = undefined;
      return Promise.reject(failure);
    }
    if (this.#ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  /** The consumer is done: stop listening at once and drop what was waiting. */
  return(): Promise<IteratorResult<PositionEvent>> {
    this.#ready.length = 0;
    this.#finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  async #runReplay(): Promise<void> {
    for (;;) {
      const page = await this.#source.eventsAfter(this.#passed, REPLAY_PAGE);
      if (this.#ended) return;
      for (const event of page) this.#accept(event);
      const heldFrom = this.#held?.[0]?.sequence;
      const caughtUp = heldFrom !== undefined && this.#passed >= heldFrom;
      if (page.length < REPLAY_PAGE || caughtUp) break;
    }
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const event of held) this.#accept(event);
  }

  #onLive(event: PositionEvent): void {
    if (!this.#held) {
      this.#accept(event);
      return;
    }
    this.#held.push(event);
    if (this.#held.length > this.#maxPending)
      this.#fail(new SubscriberTooSlowError(this.#delivered, this.#maxPending));
  }

  #accept(event: PositionEvent): void {
    if (this.#ended || event.sequence <= this.#passed) return;
    this.#passed = event.sequence;
    if (!matchesPositionFilter(event.position, { ...this.#filter, includeClosed: true })) return;
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      this.#delivered = event.sequence;
      waiter.resolve({ value: event, done: false });
      return;
    }
    this.#ready.push(event);
    if (this.#ready.length > this.#maxPending)
      this.#fail(new SubscriberTooSlowError(this.#delivered, this.#maxPending));
  }

  #fail(error: unknown): void {
    if (this.#ended) return;
    this.#ready.length = 0;
    const waiter = this.#waiter;
    this.#waiter = undefined;
    if (waiter) waiter.reject(error);
    else this.#failure = error;
    this.#finish();
  }

  /** No more events will come; the consumer still receives those already waiting. */
  #finish(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#held = undefined;
    this.#unsubscribe();
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.resolve({ value: undefined, done: true });
  }
}
