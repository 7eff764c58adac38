/** Raised inside an iterator whose consumer fell too far behind: it must resume from its cursor. */
export class ConsumerTooSlowError extends Error {
  override readonly name = 'ConsumerTooSlowError';
  constructor(readonly pending: number) {
    super(`consumer fell ${pending} events behind; resume from the last cursor`);
  }
}

export interface IterateOptions {
  /**
   * Most events that may wait for a slow consumer. Past it the iterator throws
   * ConsumerTooSlowError instead of growing without bound.
   */
  readonly maxPending?: number;
}

/**
 * A synchronous publish/subscribe point whose subscribers are listeners or async iterators. An
 * iterator ends cleanly when its consumer returns, and removes its listener then.
 */
export class EventHub<T> {
  readonly #listeners = new Set<(value: T) => void>();

  get listenerCount(): number {
    return this.#listeners.size;
  }

  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  publish(value: T): void {
    for (const listener of [...this.#listeners]) listener(value);
  }

  iterate(options: IterateOptions = {}): AsyncIterableIterator<T> {
    return queueIterator<T>((push) => this.subscribe(push), options);
  }
}

/**
 * Turns a listener-style source into an async iterator with a bounded queue. `attach` registers
 * the push function (and, if the source can end, the end function: the iterator finishes once
 * its queue is drained) and returns its detach; detach runs once, when the iterator ends.
 */
export function queueIterator<T>(
  attach: (push: (value: T) => void, end: () => void) => () => void,
  { maxPending = 10_000 }: IterateOptions = {},
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let failing: ((error: unknown) => void) | undefined;
  let failure: Error | undefined;
  let done = false;
  let ended = false;
  let detach: (() => void) | undefined;

  const finish = () => {
    if (done) return;
    done = true;
    detach?.();
    queue.length = 0;
  };
  const push = (value: T) => {
    if (done || ended || failure) return;
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      failing = undefined;
      resolve({ value, done: false });
      return;
    }
    if (queue.length >= maxPending) {
      failure = new ConsumerTooSlowError(queue.length);
      detach?.();
      return;
    }
    queue.push(value);
  };
  const end = () => {
    if (done || ended) return;
    ended = true;
    detach?.();
    if (waiting && queue.length === 0) {
      const resolve = waiting;
      waiting = undefined;
      failing = undefined;
      finish();
      resolve({ value: undefined, done: true });
    }
  };
  detach = attach(push, end);

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (failure) {
        const error = failure;
        finish();
        return Promise.reject(error);
      }
      if (done) return Promise.resolve({ value: undefined, done: true });
      if (ended) {
        finish();
        return Promise.resolve({ value: undefined, done: true });
      }
      return new Promise<IteratorResult<T>>((resolve, reject) => {
        waiting = resolve;
        failing = reject;
      });
    },
    return() {
      finish();
      const resolve = waiting;
      waiting = undefined;
      failing = undefined;
      resolve?.({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(error?: unknown) {
      finish();
      const reject = failing;
      waiting = undefined;
      failing = undefined;
      reject?.(error);
      return Promise.reject(error);
    },
  };
}
