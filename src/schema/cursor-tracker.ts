/**
 * Where a subscription's source stream is: the sequence of the last event it yielded. Set by the
 * resumable subscription fields, read by the WebSocket layer to join a resuming subscriber to its
 * live cohort without a gap or a duplicate.
 */
export interface CursorTracker {
  last: number | undefined;
}

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
