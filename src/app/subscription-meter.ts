const DONE: IteratorReturnResult<undefined> = { value: undefined, done: true };

/**
 * Every live subscription on every transport: counts them and the events delivered (for
 * /metrics), and at shutdown ends them all, so that each client receives a proper `complete`
 * instead of a dropped connection.
 */
export class SubscriptionMeter {
  #active = 0;
  #delivered = 0;
  #closed = false;
  readonly #endings = new Set<() => void>();

  get active(): number {
    return this.#active;
  }

  get delivered(): number {
    return this.#delivered;
  }

  /**
   * Ends every subscription now (each completes as soon as its transport asks for the next
   * event), and every later one as soon as it starts.
   */
  completeAll(): void {
    this.#closed = true;
    for (const end of [...this.#endings]) end();
  }

  /** The same items, counted; the subscription counts as active until it ends or is returned. */
  track<T>(source: AsyncIterable<T>): AsyncIterableIterator<T> {
    const iterator = source[Symbol.asyncIterator]();
    let open = true;
    let stop: (result: IteratorReturnResult<undefined>) => void = () => {};
    const stopped = new Promise<IteratorReturnResult<undefined>>((resolve) => {
      stop = resolve;
    });
    const close = () => {
      if (!open) return;
      open = false;
      this.#active--;
      this.#endings.delete(end);
      stop(DONE);
    };
    const end = () => {
      close();
      // Let the source release what it holds (listeners, queues); its answer is not awaited.
      void Promise.resolve(iterator.return?.()).catch(() => undefined);
    };
    this.#active++;
    this.#endings.add(end);
    if (this.#closed) end();
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: async () => {
        if (!open) return DONE;
        try {
          // A source waiting for its next event must not hold up the end of the subscription.
          const result = await Promise.race([iterator.next(), stopped]);
          if (result.done) close();
          else this.#delivered++;
          return result as IteratorResult<T>;
        } catch (error) {
          close();
          throw error;
        }
      },
      return: async (value?: unknown) => {
        close();
        return (await iterator.return?.(value)) ?? DONE;
      },
      throw: async (error?: unknown) => {
        close();
        return (await iterator.throw?.(error)) ?? DONE;
      },
    };
  }
}
