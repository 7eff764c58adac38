import { EventHub, type IterateOptions, queueIterator } from '../../domain/event-hub.js';
import type { Logger } from '../logger.js';

/**
 * A publish point whose listeners cannot hurt the publisher (a throwing listener is logged, and
 * the others still hear the event) and whose iterators all end when it closes.
 */
export class ClosableHub<T> {
  readonly #hub = new EventHub<T>();
  readonly #iterators = new Set<AsyncIterableIterator<T>>();
  readonly #unsubscribers = new Set<() => void>();
  #closed = false;

  constructor(
    private readonly log: Logger,
    private readonly what: string,
  ) {}

  get listenerCount(): number {
    return this.#hub.listenerCount;
  }

  subscribe(listener: (value: T) => void): () => void {
    if (this.#closed) return () => {};
    const unsubscribe = this.#hub.subscribe((value) => {
      try {
        listener(value);
      } catch (error) {
        this.log.error(`a ${this.what} listener failed`, { error });
      }
    });
    const remove = () => {
      unsubscribe();
      this.#unsubscribers.delete(remove);
    };
    this.#unsubscribers.add(remove);
    return remove;
  }

  publish(value: T): void {
    if (!this.#closed) this.#hub.publish(value);
  }

  /** An iterator of every later event; it ends when its consumer returns or the hub closes. */
  iterate(options?: IterateOptions): AsyncIterableIterator<T> {
    const iterator = queueIterator<T>((push) => {
      const unsubscribe = this.#hub.subscribe(push);
      return () => {
        unsubscribe();
        this.#iterators.delete(iterator);
      };
    }, options);
    if (this.#closed) void iterator.return?.();
    else this.#iterators.add(iterator);
    return iterator;
  }

  /** Ends every iterator and forgets every listener; later subscriptions hear nothing. */
  close(): void {
    this.#closed = true;
    for (const iterator of [...this.#iterators]) void iterator.return?.();
    this.#iterators.clear();
    for (const remove of [...this.#unsubscribers]) remove();
  }
}
