import type { CursorTracker } from '../domain/sentinel-api.js';

/** The same stream, noting in `tracker` the sequence of each item as it is yielded. */
export function trackCursor<T>(
  tracker: CursorTracker | undefined,
  source: AsyncIterable<T>,
  sequenceOf: (item: T) => number,
): AsyncIterable<T> {
  if (!tracker) return source;
  return {
    [Symbol.asyncIterator]() {
      const iterator = source[Symbol.asyncIterator]();
      return {
        async next() {
          const result = await iterator.next();
          if (!result.done) tracker.last = sequenceOf(result.value);
          return result;
        },
        return: async (value?: unknown) =>
          (await iterator.return?.(value)) ?? { value: undefined, done: true },
        throw: async (error?: unknown) => (await iterator.throw?.(error)) ?? { value: undefined, done: true },
      };
    },
  };
}
