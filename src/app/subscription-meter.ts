/** Counts live subscriptions and the events delivered to them, for /metrics. */
export class SubscriptionMeter {
  #active = 0;
  #delivered = 0;

  get active(): number {
    return this.#active;
  }

  get delivered(): number {
    return this.#delivered;
  }

  /** The same items, counted; the subscription counts as active until it ends or is returned. */
  track<T>(source: AsyncIterable<T>): AsyncIterableIterator<T> {
    const iterator = source[Symbol.asyncIterator]();
    let open = true;
    this.#active++;
    const close = () => {
      if (!open) return;
      open = false;
      this.#active--;
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: async () => {
        try {
          const result = await iterator.next();
          if (result.done) close();
          else this.#delivered++;
          return result;
        } catch (error) {
          close();
          throw error;
        }
      },
      return: async (value?: unknown) => {
        close();
        return (await iterator.return?.(value)) ?? { value: undefined, done: true };
      },
      throw: async (error?: unknown) => {
        close();
        return (await iterator.throw?.(error)) ?? { value: undefined, done: true };
      },
    };
  }
}
