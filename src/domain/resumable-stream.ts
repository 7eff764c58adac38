import { type IterateOptions, queueIterator } from './event-hub.js';

export interface ResumableSource<T> {
  /** Where the consumer left off; undefined to start with the next live item. */
  readonly after: number | undefined;
  readonly sequenceOf: (item: T) => number;
  /** Items with a sequence above `after`, ascending; an empty page ends the replay. */
  readonly replay: (after: number) => Promise<readonly T[]>;
  /** Registers for live items (and, optionally, the end of the source); returns the unsubscribe. */
  readonly subscribe: (listener: (item: T) => void, end: () => void) => () => void;
  /** Only what was missed: the stream ends after the replay instead of going live. */
  readonly replayOnly?: boolean;
}

/**
 * Replays what a consumer missed, then follows the live source, with no gap and no duplicate.
 * The live subscription starts before the replay reads, so an item published during the replay
 * is either in a replayed page or in the live queue; sequences decide which copy is yielded.
 */
export function resumeThenLive<T>(
  source: ResumableSource<T>,
  options?: IterateOptions,
): AsyncIterableIterator<T> {
  const live = source.replayOnly
    ? queueIterator<T>((_push, end) => {
        end();
        return () => undefined;
      })
    : queueIterator<T>((push, end) => source.subscribe(push, end), options);
  async function* stream(): AsyncGenerator<T, void, undefined> {
    try {
      let last = source.after;
      if (last !== undefined) {
        for (;;) {
          const page = await source.replay(last);
          const fresh = page.filter((item) => source.sequenceOf(item) > (last as number));
          if (fresh.length === 0) break;
          for (const item of fresh) {
            last = source.sequenceOf(item);
            yield item;
          }
        }
      }
      for await (const item of live) {
        const sequence = source.sequenceOf(item);
        if (last !== undefined && sequence <= last) continue;
        last = sequence;
        yield item;
      }
    } finally {
      await live.return?.();
    }
  }
  const items = stream();
  // A consumer may return before its first next(): the generator's finally would never run then.
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => items.next(),
    async return() {
      await live.return?.();
      return items.return(undefined);
    },
    async throw(error?: unknown) {
      await live.return?.();
      return items.throw(error);
    },
  };
}
